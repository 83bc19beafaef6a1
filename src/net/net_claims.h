// Who owns which network namespace and interface.
//
// Network objects outlive processes: a namespace or a bridge stays until someone deletes it. So
// rrt writes every object down *before* it creates it, in a claim file /run/rrt-net/<id>.json
// that names the owner process (pid and start time); the lab's lab.json holds a copy. Whoever
// finds a claim whose owner died deletes its objects, and a sweep deletes rrt-named objects that
// no live claim names (left by a crash between creating an object and a claim being readable,
// or by a lab under another RRT_HOME that was removed by hand). The claims live on /run, a
// tmpfs: they vanish at reboot together with the objects they describe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_lock.h"

namespace rrt {

std::string net_claims_dir();  // /run/rrt-net

// The exclusive lock on the claims directory (/run/rrt-net/lock), held while subnets are chosen
// and objects created or swept, so that two rrt processes never take the same subnet or names.
// Throws EnvironmentError naming the lock file if another process holds it for more than a
// minute.
FileLock lock_net_claims();

// The claim of one lab network, owned by this process.
class NetClaim {
 public:
  // Starts claim `id` with `info` (lab name, subnet, ...) and no objects, and writes it.
  NetClaim(std::string id, nlohmann::json info);
  // Records an object ("netns" or "link") and writes the claim, before the caller creates it.
  void add(const std::string& kind, const std::string& name);
  // The claim as written: info fields, owner_pid, owner_start, objects.
  const nlohmann::json& json() const { return claim_; }
  // Deletes every object the claim names (missing ones are fine) and the claim file.
  void release();

 private:
  void save() const;
  std::string id_;
  nlohmann::json claim_;
};

// Deletes the objects a claim (or lab.json's "net" copy of it) names, and its claim file.
// Best effort: objects already gone are fine. Does nothing without root.
void release_claim(const nlohmann::json& claim);

// Claims whose owner is still alive.
std::vector<nlohmann::json> live_claims();

// Releases the claims of dead owners, then deletes rrt-named namespaces and interfaces that no
// live claim names. Returns the names it deleted. Caller holds lock_net_claims(). Without root it
// only looks (it cannot delete) and returns nothing.
std::vector<std::string> sweep_network();

// sweep_network() under lock_net_claims(), for callers that hold none; nothing without root.
void reclaim_network();

// rrt-named namespaces (/run/netns) and interfaces (/sys/class/net) that exist now.
std::vector<std::string> rrt_namespaces();
std::vector<std::string> rrt_interfaces();

}  // namespace rrt

// `rrt run --target URL` and `rrt audit URL`: an existing deployment rrt did not start. The
// grammar is resp/url.h's; this adds what a target must hold:
//   redis[s]://[user:password@]host:port                 a master or a replica (replication)
//   sentinel[s]://[user:password@]host:port[,host:port...]/mastername
//   cluster[s]://host:port[,...]                         (audit; refused by run)
#pragma once

#include <string>
#include <vector>

#include "resp/url.h"

namespace rrt {

struct TargetUrl {
  Scheme scheme = Scheme::kRedis;   // kRedis | kSentinel | kCluster
  bool tls = false;                 // rediss://, sentinels://, clusters://
  std::vector<Endpoint> endpoints;  // at least one
  std::string master_name;          // sentinel:// only
  std::string user;                 // from the URL; empty: default user
  std::string password;             // from the URL; never print it

  // The URL without user or password, safe for logs and results.json.
  std::string redacted() const;
};

// Throws UsageError naming the bad part and what was expected; the message never contains the
// password.
TargetUrl parse_target_url(const std::string& text);

}  // namespace rrt

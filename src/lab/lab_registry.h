// Where labs live and how rrt finds them again: every lab has a directory
// <home>/labs/<name>/ with a lab.json naming its owner process and its nodes' processes.
// <home> is $RRT_HOME, else /tmp/rrt-<uid>.
//
// A lab whose owner is gone (rrt was killed) is stale: reclaim_stale_labs() kills whatever of it
// still runs and removes its directory. Every command that touches labs calls it first.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_lock.h"
#include "resp/url.h"

namespace rrt {

std::string rrt_home();
std::string labs_dir();
std::string lab_dir(const std::string& name);

// The exclusive lock on the labs directory ($RRT_HOME/labs.lock), held while labs are created or
// reclaimed so that two rrt processes never hand out the same ports. Throws EnvironmentError
// naming the lock file if another process holds it for more than a minute.
FileLock lock_labs();

// lab.json of every lab directory that has one (malformed files are skipped).
std::vector<nlohmann::json> registered_labs();

// lab.json of `name`, or null if there is none.
nlohmann::json read_lab_record(const std::string& name);
void write_lab_record(const std::string& name, const nlohmann::json& record);
// Addresses of the nodes a lab record lists with `role` ("master", "replica", "sentinel", ...),
// in the record's order; empty for a null record.
std::vector<Endpoint> lab_endpoints(const nlohmann::json& record, const std::string& role);

// True if the owner recorded in `record` (owner_pid, owner_start) still runs.
bool lab_owner_alive(const nlohmann::json& record);

// Kills the processes of labs whose owner died and removes their directories. Returns the names
// of the labs it cleaned. Caller holds lock_labs().
std::vector<std::string> reclaim_stale_labs();

// Kills every process recorded in `record` (nodes first, then the owner unless it is us).
void kill_lab_processes(const nlohmann::json& record);

// Picks `count` consecutive free loopback ports: starting at `base` if non-zero (EnvironmentError
// naming the busy port if one is taken), else the first free block from 7000 upwards that no
// registered lab uses. Caller holds lock_labs().
int allocate_ports(int base, int count);

// Removes the claims on a lab's ports (allocate_ports claims them machine-wide until the lab's
// nodes have bound them); called when the lab goes.
void release_port_claims(int first, int count);

// True if 127.0.0.1:port can be bound right now.
bool port_free(int port);

}  // namespace rrt

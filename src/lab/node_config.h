// redis.conf and sentinel.conf for lab nodes.
#pragma once

#include <string>

#include "resp/url.h"
#include "topo/lab_spec.h"
#include "topo/topology.h"

namespace rrt {

// Configuration of a data node. `master` is empty for the initial master.
std::string redis_config(const LabSpec& spec, const Endpoint& self, const std::string& dir,
                         const Endpoint* master);

// Configuration of a sentinel monitoring `master` under spec.master_name.
std::string sentinel_config(const LabSpec& spec, const Endpoint& self, const std::string& dir,
                            const Endpoint& master);

// twemproxy (nutcracker) configuration: one pool listening on `self` that shards keys over the
// topology's masters (murmur on a ketama ring: fnv1a_64 put every rrt:w1:counter:N key on one
// server).
std::string nutcracker_config(const LabSpec& spec, const Endpoint& self, const Topology& topology);

}  // namespace rrt

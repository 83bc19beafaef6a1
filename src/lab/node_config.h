// redis.conf and sentinel.conf for lab nodes.
#pragma once

#include <string>

#include "lab/lab_spec.h"
#include "resp/url.h"

namespace rrt {

// Configuration of a data node. `master` is empty for the initial master.
std::string redis_config(const LabSpec& spec, const Endpoint& self, const std::string& dir,
                         const Endpoint* master);

// Configuration of a sentinel monitoring `master` under spec.master_name.
std::string sentinel_config(const LabSpec& spec, const Endpoint& self, const std::string& dir,
                            const Endpoint& master);

}  // namespace rrt

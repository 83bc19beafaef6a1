// What a local lab's faults can and cannot do, from its spec alone: every process fault, and
// network faults only on netns or proxy hosts (latency only on proxy hosts).
#pragma once

#include <string>

#include "fault/capability.h"
#include "topo/lab_spec.h"

namespace rrt {

// "" if a lab of `spec` gives faults `capability`, else why not and which hosts would.
std::string lab_lacks(const LabSpec& spec, Capability capability);
// "lab (loopback hosts)" for refusals.
std::string lab_backend(const LabSpec& spec);

}  // namespace rrt

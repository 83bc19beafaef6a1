// Scenario verbs for network faults: partition, cut, loss, bandwidth, latency, heal. Each
// resolves its targets at fault time (role words as in target.h, plus "replicas" and
// "sentinels" for all of them) and calls FaultContext::network, so the mechanism (netns rules
// or fault proxies, src/net) stays behind the NetworkFaults interface.
//
// Every stop() heals: NetworkFaults::heal() removes every network fault, so overlapping
// network faults end together.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "fault/fault.h"

namespace rrt {

// partition: {groups: [[master], [replicas, sentinels]]} or {isolate: master}.
std::unique_ptr<Fault> make_partition_fault(const nlohmann::json& args);
// cut: {from: master, to: sentinels}: drops packets one way only.
std::unique_ptr<Fault> make_cut_fault(const nlohmann::json& args);
// loss: {target: master, percent: 30}.
std::unique_ptr<Fault> make_loss_fault(const nlohmann::json& args);
// bandwidth: {target: master, kbit: 512}.
std::unique_ptr<Fault> make_bandwidth_fault(const nlohmann::json& args);
// latency: {target: master, delay: 100ms, jitter: 10ms}.
std::unique_ptr<Fault> make_latency_fault(const nlohmann::json& args);
// heal: removes every network fault now. Nothing to undo.
std::unique_ptr<Fault> make_heal_fault(const nlohmann::json& args);

}  // namespace rrt

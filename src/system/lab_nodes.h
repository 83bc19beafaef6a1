// The fault seams (fault/node_view.h, fault/node_processes.h) on a local lab: nodes and roles
// from the lab, process faults as signals to the processes it started (SIGKILL, SIGTERM,
// SIGSTOP/SIGCONT), replicas added and removed by the lab.
#pragma once

#include "fault/node_processes.h"
#include "fault/node_view.h"
#include "lab/lab.h"

namespace rrt {

class LabNodes final : public NodeView, public NodeProcesses {
 public:
  explicit LabNodes(Lab& lab) : lab_(lab) {}

  Topology topology() const override { return lab_.topology(); }
  bool running(const std::string& node) const override { return lab_.running(node); }
  bool paused(const std::string& node) const override { return lab_.node(node).paused; }
  std::string master() const override;
  std::vector<std::string> masters() const override;
  ConnectOptions connect(Nanos timeout) const override;
  SentinelSettings sentinel_settings() const override;

  nlohmann::json kill(const std::string& node) override;
  nlohmann::json shutdown(const std::string& node) override;
  nlohmann::json pause(const std::string& node, Nanos hold) override;
  nlohmann::json resume(const std::string& node) override;
  nlohmann::json restart(const std::string& node) override;
  std::string add_replica() override { return lab_.add_replica(); }
  void remove_replica(const std::string& node) override { lab_.remove_replica(node); }

 private:
  bool up(const std::string& node) const { return running(node) && !paused(node); }

  Lab& lab_;
};

}  // namespace rrt

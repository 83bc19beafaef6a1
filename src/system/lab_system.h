// SystemUnderTest on a fresh local lab (lab/lab.h), named after this process.
#pragma once

#include "lab/lab.h"
#include "system/client_hosts.h"
#include "system/lab_nodes.h"
#include "system/system_under_test.h"

namespace rrt {

class LabSystem : public SystemUnderTest {
 public:
  explicit LabSystem(LabSpec spec);
  void start() override { lab_.start(); }
  Topology topology() const override { return lab_.topology(); }
  ConnectOptions connect() const override;
  FaultContext fault_context(Clock& clock) override;
  std::string lacks(Capability capability, const FaultStep& step) override;
  std::string backend() const override;
  std::string key_prefix() const override { return "rrt:"; }
  nlohmann::json describe() const override;
  nlohmann::json finish(const RunDir& run) override;
  std::vector<ConnectOptions> client_connect(nlohmann::json* detail) override {
    return add_client_hosts(lab_, connect(), detail);
  }

 private:
  Lab lab_;
  LabNodes nodes_{lab_};
};

}  // namespace rrt

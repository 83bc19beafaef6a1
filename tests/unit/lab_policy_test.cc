// A lab refuses, before it starts, a fault its hosts cannot run: latency on netns hosts, network
// faults on loopback hosts.
#include "system/lab_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/errors.h"
#include "run/scenario_vocabulary.h"
#include "scenario/scenario_loader.h"
#include "system/system_under_test.h"

namespace rrt {
namespace {

Scenario with_hosts(const std::string& hosts) {
  return parse_scenario("name: slow\ntopology: {kind: sentinel, hosts: " + hosts +
                            "}\nduration: 10s\nfaults:\n  - {latency: master, at: 2s}\n",
                        "t.yaml", scenario_vocabulary());
}

TEST(LabPolicy, LatencyOnNetnsHostsIsRefusedBeforeTheLabStarts) {
  Scenario s = with_hosts("netns");
  try {
    make_system_under_test(s, ExternalOptions{});  // would construct the lab if not refused
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "scenario slow: fault 'latency' at 2s cannot run on a lab (netns hosts): netns "
                 "hosts cannot add latency (rrt does not use the kernel's netem qdisc, which "
                 "many kernels lack); run the scenario with --hosts proxy, whose TCP proxies add "
                 "latency and jitter");
  }
}

TEST(LabPolicy, LatencyOnProxyHostsAndOtherFaultsOnNetnsPass) {
  EXPECT_EQ(lab_lacks(with_hosts("proxy").lab, Capability::kNetworkLatency), "");
  Scenario s = with_hosts("netns");
  EXPECT_EQ(lab_lacks(s.lab, Capability::kNetwork), "");
  EXPECT_EQ(lab_lacks(s.lab, Capability::kKill), "");
}

TEST(LabPolicy, NetworkFaultsOnLoopbackAreRefusedNamingTheHosts) {
  Scenario s = with_hosts("loopback");
  s.faults[0].verb = "partition";
  s.faults[0].args = {{"isolate", "master"}};
  try {
    make_system_under_test(s, ExternalOptions{});
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_THAT(std::string(e.what()),
                ::testing::HasSubstr("fault 'partition' at 2s cannot run on a lab (loopback "
                                     "hosts): network faults need topology hosts: netns or "
                                     "proxy"));
  }
  EXPECT_EQ(lab_lacks(s.lab, Capability::kPause), "");
}

}  // namespace
}  // namespace rrt

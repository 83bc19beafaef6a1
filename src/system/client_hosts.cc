#include "system/client_hosts.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "lab/lab.h"
#include "net/lab_hosts.h"
#include "net/netns_thread.h"

namespace rrt {

std::vector<ConnectOptions> add_client_hosts(Lab& lab, const ConnectOptions& base,
                                             nlohmann::json* detail) {
  std::vector<ConnectOptions> out;
  int count = lab.spec().client_hosts;
  if (count <= 0) return out;
  if (!lab.hosts() || lab.hosts()->mechanism() != "netns") {
    throw UsageError("client_hosts needs hosts: netns");
  }
  nlohmann::json hosts = nlohmann::json::array();
  for (int i = 1; i <= count; ++i) {
    ClientHost h = lab.hosts()->add_client_host(fmt::format("client-{}", i));
    ConnectOptions o = base;
    o.open_socket = netns_socket_opener(h.netns);
    out.push_back(std::move(o));
    hosts.push_back({{"name", h.name}, {"netns", h.netns}, {"address", h.address}});
  }
  *detail = {
      {"client_hosts", hosts},
      {"placement", fmt::format("client i of each workload runs on client-(i mod {} + 1)", count)}};
  return out;
}

}  // namespace rrt

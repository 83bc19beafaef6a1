#include "net/lab_hosts.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "net/net_claims.h"
#include "net/netns_hosts.h"
#include "net/proxy_hosts.h"

namespace rrt {

Endpoint ClientHost::route(const Endpoint& announced) const {
  auto it = links.find(announced.to_string());
  return it == links.end() ? announced : it->second;
}

std::unique_ptr<LabHosts> make_lab_hosts(const LabHostsOptions& options) {
  if (options.mode == HostsMode::kNetns) return std::make_unique<NetnsHosts>(options);
  if (options.mode == HostsMode::kProxy) return std::make_unique<ProxyHosts>(options);
  throw UsageError("hosts loopback need no lab hosts");
}

void release_lab_network(const nlohmann::json& net_record) {
  if (net_record.is_object() && net_record.value("mechanism", "") == "netns") {
    release_claim(net_record);
  }
}

}  // namespace rrt

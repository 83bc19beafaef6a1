#include "net/netns_hosts.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "base/errors.h"
#include "base/process.h"
#include "base/run_tool.h"

namespace rrt {

static constexpr int kFirstHost = 10;  // host i gets address .10+i; .1 is the root namespace's

// The networks the machine already uses: routes, addresses, and subnets other rrt labs claimed
// but may not have created yet.
static std::vector<Ipv4Net> subnets_in_use() {
  std::vector<Ipv4Net> used =
      networks_in_use(must_run_tool({"ip", "-4", "route", "show", "table", "all"}) +
                      must_run_tool({"ip", "-4", "-o", "addr", "show"}));
  for (const auto& claim : live_claims()) {
    if (auto net = parse_ipv4_net(claim.value("subnet", ""))) used.push_back(*net);
  }
  return used;
}

NetnsHosts::NetnsHosts(const LabHostsOptions& options)
    : options_(options), id_(lab_net_id(options.lab_dir)), bridge_(bridge_name(id_)) {
  if (geteuid() != 0) {
    throw EnvironmentError(
        "--hosts netns needs root: it creates network namespaces, a bridge and iptables rules. "
        "Run rrt as root, or use --hosts proxy (TCP fault proxies on loopback, no root needed)");
  }
  for (const char* tool : {"ip", "iptables-restore", "tc"}) {
    if (find_in_path(tool).empty()) {
      throw EnvironmentError(fmt::format(
          "{} not found in PATH: --hosts netns needs the Debian packages iproute2 and iptables",
          tool));
    }
  }
  FileLock lock =
      lock_net_claims();  // no other rrt may take the same subnet between our look and our claim
  sweep_network();
  subnet_ = choose_subnet(subnets_in_use());
  claim_ = std::make_unique<NetClaim>(id_, nlohmann::json{{"mechanism", "netns"},
                                                          {"lab", options_.lab},
                                                          {"lab_dir", options_.lab_dir},
                                                          {"subnet", subnet_.to_string()},
                                                          {"bridge", bridge_}});
}

NetnsHosts::~NetnsHosts() {
  try {
    destroy();
  } catch (...) {
    // Destructors must not throw; a later sweep removes what is left.
  }
}

NetnsHost NetnsHosts::add_host(const std::string& name) {
  for (const auto& h : hosts_) {
    if (h.net.name == name) throw UsageError(fmt::format("host '{}' already exists", name));
  }
  int index = static_cast<int>(hosts_.size()) + 1;
  if (kFirstHost + index > 254) throw UsageError("a netns lab holds at most 244 hosts");
  Host h;
  h.net = {name, netns_name(options_.lab, name), subnet_.host(kFirstHost + index)};
  h.veth = veth_name(id_, index);
  hosts_.push_back(h);
  return h.net;
}

Endpoint NetnsHosts::place(NodeInfo& info) {
  NetnsHost h = add_host(info.name);
  info.endpoint.host = h.address;
  info.netns = h.netns;
  return info.endpoint;
}

void NetnsHosts::create_bridge() {
  claim_->add("link", bridge_);
  if (options_.on_record) options_.on_record();
  must_run_tool(
      {"ip", "-batch", "-"}, "",
      fmt::format("link add {0} type bridge\naddress add {1}/24 dev {0}\nlink set {0} up\n",
                  bridge_, subnet_.host(1)));
  bridge_created_ = true;
}

void NetnsHosts::create() {
  if (!claim_) throw EnvironmentError("the lab's network was already destroyed");
  if (!bridge_created_) create_bridge();
  std::vector<Host*> pending;
  for (auto& h : hosts_) {
    if (h.created) continue;
    if (std::filesystem::exists("/run/netns/" + h.net.netns)) {
      throw EnvironmentError(fmt::format(
          "network namespace {} exists already: another lab named '{}' runs under another "
          "RRT_HOME; pick another --name",
          h.net.netns, options_.lab));
    }
    claim_->add("netns", h.net.netns);
    claim_->add("link", h.veth);
    pending.push_back(&h);
  }
  if (pending.empty()) return;
  if (options_.on_record) options_.on_record();
  std::string batch;
  for (const Host* h : pending) {
    batch += fmt::format(
        "netns add {0}\nlink add {1} type veth peer name eth0 netns {0}\n"
        "link set {1} master {2} up\n",
        h->net.netns, h->veth, bridge_);
  }
  must_run_tool({"ip", "-batch", "-"}, "", batch);
  std::vector<ToolCall> inside;
  for (const Host* h : pending) {
    inside.push_back({{"ip", "-batch", "-"},
                      h->net.netns,
                      fmt::format("address add {}/24 dev eth0\nlink set eth0 up\nlink set lo up\n",
                                  h->net.address)});
  }
  must_run_tools(inside);
  for (Host* h : pending) {
    h->created = true;
    network_.add_host(h->net);
  }
}

void NetnsHosts::destroy() {
  if (!claim_) return;
  claim_->release();
  claim_.reset();
  for (auto& h : hosts_) h.created = false;
  bridge_created_ = false;
}

ClientHost NetnsHosts::add_client_host(const std::string& name) {
  NetnsHost h = add_host(name);
  create();
  return {h.name, h.netns, h.address, {}};
}

nlohmann::json NetnsHosts::record() const {
  if (!claim_) return nullptr;
  nlohmann::json r = claim_->json();
  r["hosts"] = nlohmann::json::array();
  for (const auto& h : hosts_) {
    r["hosts"].push_back(
        {{"name", h.net.name}, {"netns", h.net.netns}, {"address", h.net.address}});
  }
  return r;
}

}  // namespace rrt

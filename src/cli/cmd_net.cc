// `rrt net status|cleanup`: the network objects rrt created for netns hosts (namespaces,
// bridges, veths, and the iptables rules inside the namespaces), and removing stale ones.
#include <fmt/format.h>
#include <unistd.h>

#include <map>
#include <sstream>

#include "base/errors.h"
#include "base/run_tool.h"
#include "cli/command.h"
#include "cli/output.h"
#include "lab/lab_registry.h"
#include "net/net_claims.h"

namespace rrt {

// Rules in a namespace's tables ("-A" lines of iptables-save); -1 if it cannot be read.
static int rule_count(const std::string& netns) {
  if (geteuid() != 0) return -1;
  ToolResult r = run_tool({"iptables-save"}, netns);
  if (!r.ok()) return -1;
  std::istringstream lines(r.out);
  int count = 0;
  for (std::string line; std::getline(lines, line);) count += line.rfind("-A ", 0) == 0;
  return count;
}

static nlohmann::json net_objects() {
  std::map<std::string, std::string> owner;  // object name -> "lab (pid N)"
  for (const auto& claim : live_claims()) {
    for (const auto& o : claim.value("objects", nlohmann::json::array())) {
      owner[o.value("name", "")] =
          fmt::format("{} (pid {})", claim.value("lab", "?"), claim.value("owner_pid", 0));
    }
  }
  auto row = [&](const std::string& name, const std::string& kind) {
    auto it = owner.find(name);
    return nlohmann::json{
        {"name", name}, {"kind", kind}, {"owner", it == owner.end() ? "none (stale)" : it->second}};
  };
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& ns : rrt_namespaces()) {
    nlohmann::json r = row(ns, "netns");
    r["rules"] = rule_count(ns);
    rows.push_back(r);
  }
  for (const auto& link : rrt_interfaces()) rows.push_back(row(link, "link"));
  return rows;
}

void add_net_command(CLI::App& root, CliContext& ctx) {
  auto* net = root.add_subcommand("net", "Network objects of netns labs: status and cleanup");
  net->require_subcommand(1);
  auto out = std::make_shared<OutputOptions>();
  auto* status = net->add_subcommand("status", "List rrt's namespaces and interfaces");
  add_output_flags(status, out.get());
  status->callback([=, &ctx] {
    print_table(net_objects(), *out, {"name", "kind", "owner", "rules"});
    ctx.exit_code = kExitOk;
  });
  auto* cleanup = net->add_subcommand(
      "cleanup", "Remove labs whose owner died and rrt network objects no live lab claims");
  cleanup->callback([&ctx] {
    std::vector<std::string> removed;
    {
      FileLock lock = lock_labs();
      for (const auto& lab : reclaim_stale_labs()) removed.push_back("lab " + lab);
    }
    if (geteuid() == 0) {
      FileLock lock = lock_net_claims();
      for (const auto& name : sweep_network()) removed.push_back(name);
    }
    for (const auto& r : removed) fmt::print("removed {}\n", r);
    if (removed.empty()) fmt::print("nothing to remove\n");
    ctx.exit_code = kExitOk;
  });
}

}  // namespace rrt

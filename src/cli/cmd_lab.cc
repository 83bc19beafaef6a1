// `rrt lab up|status|env|down`: a local Redis lab to learn on and to run scenarios against.
#include <fmt/format.h>

#include "base/errors.h"
#include "cli/command.h"
#include "cli/output.h"
#include "lab/lab_registry.h"
#include "lab/lab_status.h"
#include "lab/supervisor.h"

namespace rrt {

// The lab's record, after cleaning up labs whose owner died.
static nlohmann::json existing_lab(const std::string& name) {
  {
    FileLock lock = lock_labs();
    reclaim_stale_labs();
  }
  nlohmann::json record = read_lab_record(name);
  if (!record.is_object()) {
    throw UsageError(
        fmt::format("no lab named '{}' is up; start one with `rrt lab up sentinel`", name));
  }
  return record;
}

static void add_up(CLI::App* lab, CliContext& ctx) {
  auto spec = std::make_shared<LabSpec>();
  auto kind = std::make_shared<std::string>(kind_name(spec->kind));
  auto hosts = std::make_shared<std::string>(hosts_name(spec->hosts));
  auto* up = lab->add_subcommand("up", "Start a lab and wait until it is ready");
  up->add_option("kind", *kind, "standalone | replication | sentinel | cluster | proxy")
      ->check(CLI::IsMember({"standalone", "replication", "sentinel", "cluster", "proxy"}));
  up->add_option("--name", spec->name, "Lab name (labs with different names run side by side)");
  auto* replicas = up->add_option("--replicas", spec->replicas,
                                  "Number of replicas (cluster: per master, default 1)");
  up->add_option("--masters", spec->masters,
                 "Cluster: masters sharing the slots; proxy: shards behind twemproxy");
  up->add_flag("--auto-eject", spec->auto_eject, "Proxy: twemproxy auto_eject_hosts");
  up->add_option("--node-timeout-ms", spec->node_timeout_ms, "Cluster: cluster-node-timeout");
  up->add_option("--sentinels", spec->sentinels, "Number of sentinels");
  up->add_option("--quorum", spec->quorum, "Sentinel quorum");
  up->add_option("--down-after-ms", spec->down_after_ms, "Sentinel down-after-milliseconds");
  up->add_option("--failover-timeout-ms", spec->failover_timeout_ms, "Sentinel failover-timeout");
  up->add_option("--persistence", spec->persistence,
                 "none | rdb | aof | aof-everysec | aof-always");
  up->add_option("--base-port", spec->base_port, "First port (default: a free block from 7000)");
  up->add_option("--master-name", spec->master_name, "Name the sentinels monitor");
  up->add_option("--hosts", *hosts,
                 "loopback | netns (a network namespace per node; root) | proxy (fault proxies; "
                 "no root); see docs/network-faults.md")
      ->check(CLI::IsMember({"loopback", "netns", "proxy"}));
  up->callback([spec, kind, hosts, replicas, &ctx] {
    spec->kind = must_parse_topology_kind(*kind, "lab kind");
    spec->hosts = must_parse_hosts_mode(*hosts, "--hosts");
    if (spec->kind == TopologyKind::kCluster && replicas->count() == 0) spec->replicas = 1;
    start_supervised_lab(*spec);
    fmt::print("# lab '{}' is ready ({}); `rrt lab status --name {}` shows it\n", spec->name,
               kind_name(spec->kind), spec->name);
    fmt::print("{}", lab_exports(existing_lab(spec->name)));
    ctx.exit_code = kExitOk;
  });
}

static void add_status(CLI::App* lab, CliContext& ctx) {
  auto name = std::make_shared<std::string>("default");
  auto out = std::make_shared<OutputOptions>();
  auto* status = lab->add_subcommand("status", "Show every node of a lab");
  status->add_option("--name", *name, "Lab name");
  add_output_flags(status, out.get());
  status->callback([=, &ctx] {
    nlohmann::json record = existing_lab(*name);
    if (lab_spec_from_json(record["spec"]).kind == TopologyKind::kCluster) {
      print_table(lab_status(record), *out,
                  {"name", "address", "role", "state", "slots", "replica_of", "epoch", "link"},
                  {"pid", "offset", "id"});
    } else {
      print_table(lab_status(record), *out,
                  {"name", "address", "role", "state", "offset", "lag", "link"}, {"pid", "master"});
    }
    ctx.exit_code = kExitOk;
  });
}

static void add_env(CLI::App* lab, CliContext& ctx) {
  auto name = std::make_shared<std::string>("default");
  auto* env = lab->add_subcommand("env", "Print export lines URL_M, URL_R, URL_S for a lab");
  env->add_option("--name", *name, "Lab name");
  env->callback([=, &ctx] {
    fmt::print("{}", lab_exports(existing_lab(*name)));
    ctx.exit_code = kExitOk;
  });
}

static void add_down(CLI::App* lab, CliContext& ctx) {
  auto name = std::make_shared<std::string>("default");
  auto all = std::make_shared<bool>(false);
  auto* down = lab->add_subcommand("down", "Stop a lab and remove its files");
  down->add_option("--name", *name, "Lab name");
  down->add_flag("--all", *all, "Stop every lab");
  down->callback([=, &ctx] {
    {
      FileLock lock = lock_labs();
      reclaim_stale_labs();
    }
    if (*all) {
      for (const auto& record : registered_labs()) stop_lab(record.value("name", ""));
    } else {
      stop_lab(*name);
    }
    ctx.exit_code = kExitOk;
  });
}

void add_lab_command(CLI::App& root, CliContext& ctx) {
  auto* lab = root.add_subcommand("lab", "Local Redis labs: replication, Sentinel and Cluster");
  lab->require_subcommand(1);
  add_up(lab, ctx);
  add_status(lab, ctx);
  add_env(lab, ctx);
  add_down(lab, ctx);
}

}  // namespace rrt

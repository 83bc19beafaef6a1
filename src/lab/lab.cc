#include "lab/lab.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "base/errors.h"
#include "base/process.h"
#include "lab/lab_registry.h"
#include "lab/node_config.h"
#include "net/lab_hosts.h"
#include "resp/sync_client.h"
#include "topo/discovery.h"

namespace rrt {

namespace fs = std::filesystem;

static void require_binary(const std::string& name, const std::string& package) {
  if (find_in_path(name).empty()) {
    throw EnvironmentError(
        fmt::format("{} not found in PATH: install the Debian package {} (scripts/setup.sh does)",
                    name, package));
  }
}

static void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw EnvironmentError(fmt::format("cannot write {}", path));
}

Lab::Lab(LabSpec spec) : spec_(std::move(spec)) {
  spec_.validate();
  require_binary("redis-server", "redis-server");
  if (spec_.kind == TopologyKind::kSentinel) require_binary("redis-sentinel", "redis-sentinel");
  if (spec_.kind == TopologyKind::kProxy) require_binary("nutcracker", "nutcracker");
  FileLock lock = lock_labs();
  reclaim_stale_labs();
  nlohmann::json existing = read_lab_record(spec_.name);
  if (existing.is_object()) {
    throw EnvironmentError(fmt::format(
        "a lab named '{}' is already up (owner pid {}): `rrt lab down --name {}`, or pick "
        "another --name",
        spec_.name, existing.value("owner_pid", 0), spec_.name));
  }
  int first = allocate_ports(spec_.base_port, spec_.port_count());
  spec_.base_port = first;
  dir_ = lab_dir(spec_.name);
  if (spec_.hosts != HostsMode::kLoopback) {
    // Before the directory exists: without root, netns hosts fail here and leave nothing.
    hosts_ = make_lab_hosts({spec_.hosts, spec_.name, dir_, spec_.port_count() / 2,
                             [this] { save_registry(); }, spec_.kind == TopologyKind::kCluster});
  }
  fs::create_directories(dir_);
  int data_nodes = spec_.data_node_count();
  int masters = spec_.kind == TopologyKind::kCluster || spec_.kind == TopologyKind::kProxy
                    ? spec_.masters
                    : 1;
  int port = first;
  for (int i = 1; i <= data_nodes; ++i) {
    Role role = i <= masters ? Role::kMaster : Role::kReplica;
    nodes_.push_back({{fmt::format("redis-{}", i), role, {"127.0.0.1", port++}, ""}});
  }
  int sentinels = spec_.kind == TopologyKind::kSentinel ? spec_.sentinels : 0;
  for (int i = 1; i <= sentinels; ++i) {
    nodes_.push_back({{fmt::format("sentinel-{}", i), Role::kSentinel, {"127.0.0.1", port++}, ""}});
  }
  if (spec_.kind == TopologyKind::kProxy) {
    nodes_.push_back({{"proxy-1", Role::kProxy, {"127.0.0.1", port++}, ""}});  // stats: port
  }
  for (auto& n : nodes_) n.listen = hosts_ ? hosts_->place(n.info) : n.info.endpoint;
  write_configs();
  save_registry();  // from here on the ports are ours, and a crash leaves a record to clean
}

Lab::~Lab() {
  try {
    stop();
  } catch (...) {
    // Destructors must not throw; stop() already did what it could.
  }
}

void Lab::write_configs() {
  const Endpoint master = nodes_.front().info.endpoint;
  for (auto& node : nodes_) write_config(node, master);
}

// `master` is where the other nodes reach the master (its proxy, behind proxies); a node binds
// its own `listen` address.
void Lab::write_config(LabNode& node, const Endpoint& master) {
  node.dir = dir_ + "/" + node.info.name;
  fs::create_directories(node.dir);
  bool sentinel = node.info.role == Role::kSentinel;
  if (node.info.role == Role::kProxy) {
    node.config_path = node.dir + "/nutcracker.yml";
    write_file(node.config_path, nutcracker_config(spec_, node.listen, topology()));
    return;
  }
  node.config_path = node.dir + (sentinel ? "/sentinel.conf" : "/redis.conf");
  // Cluster replicas are attached by CLUSTER REPLICATE once the cluster has formed.
  const Endpoint* replica_of =
      node.info.role == Role::kReplica && spec_.kind != TopologyKind::kCluster ? &master : nullptr;
  std::string conf = sentinel ? sentinel_config(spec_, node.listen, node.dir, master)
                              : redis_config(spec_, node.listen, node.dir, replica_of);
  if (hosts_) conf += hosts_->config_lines(node.info);
  write_file(node.config_path, conf);
}

NetworkFaults* Lab::network() {
  return hosts_ ? &hosts_->faults() : nullptr;
}

void Lab::save_registry() const {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : nodes_) {
    nodes.push_back({{"name", n.info.name},
                     {"role", role_name(n.info.role)},
                     {"host", n.info.endpoint.host},
                     {"port", n.info.endpoint.port},
                     {"listen", n.listen.to_string()},
                     {"netns", n.info.netns},
                     {"pid", n.pid},
                     {"start_time", n.start_time},
                     {"dir", n.dir}});
  }
  write_lab_record(spec_.name, {{"name", spec_.name},
                                {"spec", to_json(spec_)},
                                {"owner_pid", getpid()},
                                {"owner_start", process_start_time(getpid())},
                                {"first_port", spec_.base_port},
                                {"port_count", spec_.port_count()},
                                {"dir", dir_},
                                {"nodes", nodes},
                                {"net", hosts_ ? hosts_->record() : nlohmann::json()}});
}

void Lab::spawn(LabNode& node) {
  bool sentinel = node.info.role == Role::kSentinel;
  SpawnOptions o;
  if (node.info.role == Role::kProxy) {
    // Its stats port is the one after its own (reserved by port_count).
    o.argv = {"nutcracker",
              "-c",
              node.config_path,
              "-o",
              node.dir + "/nutcracker.log",
              "-s",
              std::to_string(node.listen.port + 1),
              "-a",
              node.listen.host};
    o.dir = node.dir;
    o.output = node.dir + "/proxy.log";
    node.pid = spawn_process(o);
    node.start_time = process_start_time(node.pid);
    return;
  }
  o.argv = {sentinel ? "redis-sentinel" : "redis-server", node.config_path};
  o.dir = node.dir;
  o.output = node.dir + (sentinel ? "/sentinel.log" : "/redis.log");
  o.netns = node.info.netns;
  node.pid = spawn_process(o);
  node.start_time = process_start_time(node.pid);
  node.paused = false;
}

void Lab::start(Nanos ready_timeout) {
  stopped_ = false;
  try {
    if (hosts_) hosts_->create();
    for (auto& node : nodes_) spawn(node);
    save_registry();
    if (spec_.kind == TopologyKind::kCluster) form_cluster(mono_ns() + ready_timeout);
    wait_ready(ready_timeout);
  } catch (...) {
    stop();
    throw;
  }
}

void Lab::stop() {
  if (dir_.empty()) return;
  // Sentinels first, so they do not start a failover while the data nodes go down.
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
    if (it->pid > 0) terminate_process(it->pid, 2 * kSeconds);
    it->pid = 0;
  }
  if (hosts_) hosts_->destroy();  // after the nodes: nothing may run in a namespace we delete
  release_port_claims(spec_.base_port, spec_.port_count());
  std::error_code ec;
  fs::remove_all(dir_, ec);
  dir_.clear();
  stopped_ = true;
}

Topology Lab::topology() const {
  Topology t;
  t.kind = spec_.kind;
  t.master_name = spec_.master_name;
  t.password = spec_.password;
  for (const auto& n : nodes_) t.nodes.push_back(n.info);
  return t;
}

LabNode& Lab::mutable_node(const std::string& name) {
  for (auto& n : nodes_) {
    if (n.info.name == name) return n;
  }
  std::string names;
  for (const auto& n : nodes_) names += (names.empty() ? "" : ", ") + n.info.name;
  throw UsageError(
      fmt::format("no node named '{}' in lab '{}' (nodes: {})", name, spec_.name, names));
}

const LabNode& Lab::node(const std::string& name) const {
  return const_cast<Lab*>(this)->mutable_node(name);
}

bool Lab::running(const std::string& name) const {
  const LabNode& n = node(name);
  if (n.pid <= 0) return false;
  if (reap_if_exited(n.pid)) return false;
  return process_alive(n.pid, n.start_time);
}

void Lab::signal(const std::string& name, int signo) {
  LabNode& n = mutable_node(name);
  if (n.pid <= 0) throw UsageError(fmt::format("node {} is not running", name));
  ::kill(n.pid, signo);
}

void Lab::kill(const std::string& name) {
  LabNode& n = mutable_node(name);
  if (n.pid <= 0) return;
  ::kill(n.pid, SIGKILL);
  terminate_process(n.pid, 0);  // reaps it
  n.pid = 0;
  n.paused = false;
  save_registry();
}

void Lab::shutdown(const std::string& name) {
  LabNode& n = mutable_node(name);
  if (n.pid <= 0) return;
  terminate_process(n.pid, 5 * kSeconds);  // SIGTERM: Redis shuts down cleanly
  n.pid = 0;
  n.paused = false;
  save_registry();
}

void Lab::pause(const std::string& name) {
  signal(name, SIGSTOP);
  mutable_node(name).paused = true;
}

void Lab::resume(const std::string& name) {
  signal(name, SIGCONT);
  mutable_node(name).paused = false;
}

void Lab::restart(const std::string& name) {
  LabNode& n = mutable_node(name);
  if (n.pid > 0 && running(name)) throw UsageError(fmt::format("node {} is still running", name));
  spawn(n);
  save_registry();
}

void Lab::on_child_exit(int pid) {
  for (auto& n : nodes_) {
    if (n.pid == pid) n.pid = 0;
  }
}

}  // namespace rrt

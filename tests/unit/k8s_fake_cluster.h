// A stand-in cluster for the Kubernetes tests. No Kubernetes API can run where rrt is developed,
// so a fake kubectl (tests/data/k8s/bin/kubectl) goes first on PATH, with its state directory
// loaded from a release fixture written in the shape of the Bitnami chart 23.1.1's templates
// (tests/data/k8s/README.md). What runs inside the pods is real: one redis-server per pod, with
// the release's password, where the pod's IP (rewritten to 127.10.0.x) and port say, so the
// commands rrt execs in pods (redis-cli CLIENT PAUSE, DEBUG SLEEP, PING probes) really act.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/process.h"
#include "base/run_tool.h"
#include "k8s/kubectl.h"

namespace rrt::k8s_test {

namespace fs = std::filesystem;
using nlohmann::json;

inline fs::path data_dir() {
  return fs::absolute(fs::path(__FILE__).parent_path().parent_path() / "data" / "k8s");
}

inline json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct FakeClusterOptions {
  std::string fixture = "release-redis-sentinel.json";
  bool chaos_mesh = false;              // the NetworkChaos CRD is served
  bool chart_policy = false;            // the chart's own NetworkPolicy (its default) is there
  bool cni_enforces = true;             // the network plugin enforces NetworkPolicies
  std::string debug_command = "local";  // the redis-servers' enable-debug-command ("no": the
                                        // chart's default config, also in the ConfigMap)
  bool start_redis = true;
  // Pods 1.. replicate pod 0, each pod runs a redis-sentinel too (down-after 1 s), and a deleted
  // pod's processes die (kill -9, by the fake kubectl) and start again pod_restart later with the
  // same arguments, as its StatefulSet would make a new pod; pods a scale-up adds get a redis and a
  // sentinel, pods scaled away stop: real replication, real failovers, real scaling.
  bool sentinels = false;
  // How long after a deleted pod's processes died the "StatefulSet" starts them again.
  Nanos pod_restart = kSeconds;
};

class FakeCluster {
 public:
  static constexpr const char* kPassword = "rrt-fake-password";

  explicit FakeCluster(FakeClusterOptions o = {}) : o_(std::move(o)) {
    state_ = fs::path(::testing::TempDir()) /
             ("fake-k8s-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(state_);
    fs::create_directories(state_ / "objects");
    write(state_ / "context", "kind-rrt-test");
    write(state_ / "namespace", "ns");
    write(state_ / "calls", "");
    write(state_ / "blackhole", "127.10.0.99");
    if (o_.chaos_mesh) write(state_ / "chaos-mesh", "");
    if (o_.cni_enforces) write(state_ / "cni-enforces", "");
    fs::create_directories(state_ / "mount/opt/bitnami/redis/secrets");
    write(state_ / "mount/opt/bitnami/redis/secrets/redis-password", kPassword);
    port_ = free_port();
    sentinel_port_ = free_port(port_ + 1);
    load(read_json(data_dir() / o_.fixture));
    if (o_.chart_policy) store(read_json(data_dir() / "networkpolicy-chart-default.json"));
    old_path_ = std::getenv("PATH");
    setenv("PATH", ((data_dir() / "bin").string() + ":" + old_path_).c_str(), 1);
    setenv("FAKE_KUBECTL_STATE", state_.c_str(), 1);
    if (o_.start_redis) start_servers();
  }

  ~FakeCluster() {
    stop_ = true;
    if (controller_.joinable()) controller_.join();
    for (int pid : pids_) terminate_process(pid, 2 * kSeconds);
    for (auto& pod : pods_procs_) {
      for (auto& proc : pod.procs) terminate_process(proc.pid, 2 * kSeconds);
    }
    if (blackhole_ >= 0) close(blackhole_);
    setenv("PATH", old_path_.c_str(), 1);
    unsetenv("FAKE_KUBECTL_STATE");
    std::error_code ec;
    fs::remove_all(state_, ec);
  }

  KubectlOptions kubectl() const {
    KubectlOptions k;
    k.ns = "ns";
    k.timeout_s = 30;
    return k;
  }
  const fs::path& state() const { return state_; }
  int port() const { return port_; }
  int sentinel_port() const { return sentinel_port_; }
  // sentinel://<pod 0>,<pod 1>/mymaster, reachable from the test (no cluster DNS here).
  std::string sentinel_url() const {
    return "sentinel://" + pod_ip(0) + ":" + std::to_string(sentinel_port_) + "," + pod_ip(1) +
           ":" + std::to_string(sentinel_port_) + "/mymaster";
  }
  // How many times the "StatefulSet" started a deleted pod's processes again.
  int pods_replaced() const { return replaced_; }
  std::string pod_ip(int i) const { return "127.10.0." + std::to_string(11 + i); }

  // The recorded invocations, global flags and manifests left out: "get pods -l ...".
  std::vector<std::string> calls() const {
    std::vector<std::string> out;
    std::istringstream in(read_text(state_ / "calls"));
    bool manifest = false;
    for (std::string line; std::getline(in, line);) {
      if (line == "<<manifest") manifest = true;
      if (!manifest && line.rfind("-n ns ", 0) == 0) out.push_back(line.substr(6));
      if (line == ">>") manifest = false;
    }
    return out;
  }
  std::string calls_text() const { return read_text(state_ / "calls"); }
  bool exists(const std::string& kind, const std::string& name) const {
    return fs::exists(state_ / "objects" / kind / (name + ".json"));
  }
  json object(const std::string& kind, const std::string& name) const {
    return read_json(state_ / "objects" / kind / (name + ".json"));
  }

  // A PING from the test itself to pod i's redis; true if PONG came within `ms`.
  bool answers(int i, int ms = 500) const {
    ToolResult r =
        run_tool({"timeout", std::to_string(ms / 1000.0), "redis-cli", "--no-auth-warning", "-a",
                  kPassword, "-h", pod_ip(i), "-p", std::to_string(port_), "PING"});
    return r.ok() && r.out.find("PONG") != std::string::npos;
  }

  // Gives the Job the fake runs a log and a run directory (tests/data/k8s/job).
  void prepare_job() {
    fs::copy(data_dir() / "job/rrt-run.log", state_ / "job.log");
    fs::copy(data_dir() / "job/run", state_ / "job-run", fs::copy_options::recursive);
    write(state_ / "job-run-path", "/runs/sentinel-manual-failover/20261204-174529-242");
  }
  void image_missing() { write(state_ / "image-missing", ""); }

 private:
  static constexpr int kMaxPods = 5;  // the fixture's 3 and 2 more a scale-up may add

  static int& counter() {
    static int n = 0;
    return n;
  }
  static void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p);
    out << text;
  }

  // Each object to objects/<kind>/<name>.json; the pods' IPs and redis ports to where the
  // test's redis-servers listen, the secret a REDIS_PASSWORD env refers to, the DEBUG setting.
  void load(const json& list) {
    int next_ip = 0;
    for (json item : list["items"]) {
      std::string kind = item["kind"];
      if (kind == "Pod") next_ip += adapt_pod(item, next_ip);
      if (kind == "ConfigMap" && o_.debug_command == "no") {
        std::string conf = item["data"]["redis.conf"];
        std::size_t at = conf.find("enable-debug-command");
        if (at != std::string::npos) conf.erase(at, conf.find('\n', at) - at);
        item["data"]["redis.conf"] = conf;
      }
      if (kind == "Secret") {
        fs::create_directories(state_ / "secrets" / item["metadata"]["name"].get<std::string>());
        write(state_ / "secrets" / item["metadata"]["name"].get<std::string>() / "redis-password",
              kPassword);
      }
      store(item);
    }
  }

  int adapt_pod(json& pod, int index) {
    bool redis = false;
    for (auto& c : pod["spec"]["containers"]) {
      if (c["name"] != "redis") continue;
      redis = true;
      c["ports"][0]["containerPort"] = port_;
      for (auto& e : c["env"]) {
        if (e["name"] == "REDIS_PORT") e["value"] = std::to_string(port_);
        if (e["name"] == "REDIS_SENTINEL_PORT") e["value"] = std::to_string(sentinel_port_);
      }
    }
    for (auto& c : pod["spec"]["containers"]) {
      if (c["name"] == "sentinel") c["ports"][0]["containerPort"] = sentinel_port_;
    }
    if (!redis) return 0;
    pod["status"]["podIP"] = pod_ip(index);
    pod["status"]["podIPs"] = {{{"ip", pod_ip(index)}}};
    ++pods_;
    return 1;
  }

  void store(const json& item) {
    std::string kind = item["kind"];
    for (auto& ch : kind) ch = static_cast<char>(std::tolower(ch));
    fs::create_directories(state_ / "objects" / kind);
    write(state_ / "objects" / kind / (item["metadata"]["name"].get<std::string>() + ".json"),
          item.dump(2));
  }

  // A port free on every pod address and on the black hole.
  int free_port(int after = 0) {
    for (int attempt = 0; attempt < 50; ++attempt) {
      int port = 20000 + (getpid() * 7 + after + attempt * 131) % 30000;
      if (port != port_ && bindable(port, after == 0)) return port;
    }
    throw std::runtime_error("no free port for the fake cluster");
  }
  // With `blackhole`, the black hole (where cut peers' traffic goes) listens on `port` too.
  bool bindable(int port, bool blackhole) {
    for (int i = 0; i <= kMaxPods; ++i) {  // the pods' addresses, then the black hole
      std::string ip = i == kMaxPods ? "127.10.0.99" : pod_ip(i);
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(static_cast<uint16_t>(port));
      inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
      bool ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
      if (i == kMaxPods && ok && blackhole) {
        listen(fd, 128);  // the black hole: connections queue, nothing ever answers
        blackhole_ = fd;
        return true;
      }
      close(fd);
      if (!ok) return false;
    }
    return true;  // bindable everywhere, no black hole wanted
  }

  void start_servers() {
    if (o_.sentinels) {
      start_sentinel_pods();
      return;
    }
    for (int i = 0; i < pods_; ++i) pids_.push_back(spawn_process(redis_argv(i)));
    for (int i = 0; i < pods_; ++i) {
      Nanos deadline = mono_ns() + 5 * kSeconds;
      while (!answers(i) && mono_ns() < deadline) usleep(20000);
    }
  }

  // The processes of one pod, with what starts them again.
  struct PodProc {
    SpawnOptions spawn;
    int pid = 0;
  };
  struct PodProcs {
    std::string pod;
    std::vector<PodProc> procs;
  };

  // Pod i's redis; a replica of `master` (an address) in sentinel mode, pod 0 by default.
  SpawnOptions redis_argv(int i, std::string master = "") const {
    if (master.empty()) master = pod_ip(0);
    SpawnOptions s;
    std::string port = std::to_string(port_);
    s.argv = {"redis-server",
              "--bind",
              pod_ip(i),
              "--port",
              port,
              "--requirepass",
              kPassword,
              "--masterauth",
              kPassword,
              "--save",
              "",
              "--appendonly",
              "no",
              "--enable-debug-command",
              o_.debug_command,
              "--replica-announce-ip",
              pod_ip(i),
              "--dir",
              state_.string(),
              "--dbfilename",
              "dump-" + std::to_string(i) + ".rdb"};
    if (o_.sentinels && master != pod_ip(i))
      s.argv.insert(s.argv.end(), {"--replicaof", master, port});
    s.output = (state_ / ("redis-" + std::to_string(i) + ".log")).string();
    return s;
  }

  SpawnOptions sentinel_argv(int i, std::string master = "") const {
    if (master.empty()) master = pod_ip(0);
    fs::path conf = state_ / ("sentinel-" + std::to_string(i) + ".conf");
    write(conf, "port " + std::to_string(sentinel_port_) + "\nbind " + pod_ip(i) +
                    "\nsentinel announce-ip " + pod_ip(i) + "\ndir " + state_.string() +
                    "\nsentinel monitor mymaster " + master + " " + std::to_string(port_) +
                    " 2\nsentinel auth-pass mymaster " + kPassword + "\nrequirepass " + kPassword +
                    "\nsentinel down-after-milliseconds mymaster 1000\n"
                    "sentinel failover-timeout mymaster 5000\n");
    SpawnOptions s;
    s.argv = {"redis-sentinel", conf.string()};
    s.output = (state_ / ("sentinel-" + std::to_string(i) + ".log")).string();
    return s;
  }

  // pods/<pod>.pids: what the fake kubectl kills when the pod is deleted.
  void write_pids(const PodProcs& p) {
    std::string text;
    for (const auto& proc : p.procs) text += std::to_string(proc.pid) + "\n";
    write(state_ / "pods" / (p.pod + ".pids"), text);
  }

  // Replication first, then the sentinels: a sentinel learns replicas from the master's INFO,
  // which it asks every 10 s, so they must be connected when it first asks.
  void start_sentinel_pods() {
    fs::create_directories(state_ / "pods");
    for (int i = 0; i < pods_; ++i) {
      SpawnOptions s = redis_argv(i);
      pods_procs_.push_back({"redis-node-" + std::to_string(i), {{s, spawn_process(s)}}});
    }
    Nanos deadline = mono_ns() + 15 * kSeconds;
    while (!replicas_connected() && mono_ns() < deadline) usleep(50000);
    for (int i = 0; i < pods_; ++i) {
      SpawnOptions s = sentinel_argv(i);
      pods_procs_[i].procs.push_back({s, spawn_process(s)});
      write_pids(pods_procs_[i]);
    }
    while (!sentinels_agree() && mono_ns() < deadline) usleep(100000);
    controller_ = std::thread([this] { run_pods(); });
  }

  bool replicas_connected() const {
    ToolResult r = run_tool({"timeout", "1", "redis-cli", "--no-auth-warning", "-a", kPassword,
                             "-h", pod_ip(0), "-p", std::to_string(port_), "INFO", "replication"});
    return r.out.find("connected_slaves:" + std::to_string(pods_ - 1)) != std::string::npos;
  }

  // Every sentinel knows both replicas and the two other sentinels.
  bool sentinels_agree() const {
    for (int i = 0; i < pods_; ++i) {
      for (const char* what : {"REPLICAS", "SENTINELS"}) {
        ToolResult r = run_tool({"timeout", "1", "redis-cli", "--no-auth-warning", "-a", kPassword,
                                 "-h", pod_ip(i), "-p", std::to_string(sentinel_port_), "SENTINEL",
                                 what, "mymaster"});
        std::size_t n = 0;
        for (std::size_t at = 0; (at = r.out.find("\nname\n", at)) != std::string::npos; ++at) ++n;
        if (r.out.rfind("name\n", 0) == 0) ++n;
        if (!r.ok() || n < static_cast<std::size_t>(pods_ - 1)) return false;
      }
    }
    return true;
  }

  // The StatefulSet controller and the kubelet, for the test's processes: a deleted pod (the
  // fake kubectl killed its processes and removed its pid file; the object is still there) gets
  // them started again 1 s after they all exited; a pod scaled away (object gone) stays down; a
  // pod scaling made gets a redis replicating the current master and a sentinel watching it.
  // Spawned from this thread, they die with it.
  void run_pods() {
    std::map<std::string, Nanos> gone_since;
    while (!stop_) {
      for (auto& p : pods_procs_) {
        if (fs::exists(state_ / "pods" / (p.pod + ".pids"))) continue;
        bool exited = true;
        for (auto& proc : p.procs) exited = reap_if_exited(proc.pid) && exited;
        if (!exited || !fs::exists(state_ / "objects" / "pod" / (p.pod + ".json"))) continue;
        Nanos& since = gone_since.try_emplace(p.pod, mono_ns()).first->second;
        if (mono_ns() - since < o_.pod_restart) continue;
        for (auto& proc : p.procs) proc.pid = spawn_process(proc.spawn);
        write_pids(p);
        gone_since.erase(p.pod);
        ++replaced_;
      }
      start_new_pods();
      usleep(50000);
    }
  }

  void start_new_pods() {
    for (int i = 0; i < kMaxPods; ++i) {
      std::string pod = "redis-node-" + std::to_string(i);
      bool known = false;
      for (const auto& p : pods_procs_) known = known || p.pod == pod;
      if (known || !fs::exists(state_ / "objects" / "pod" / (pod + ".json"))) continue;
      std::string master = current_master();
      PodProcs p{pod, {}};
      for (SpawnOptions s : {redis_argv(i, master), sentinel_argv(i, master)}) {
        p.procs.push_back({s, spawn_process(s)});
      }
      write_pids(p);
      pods_procs_.push_back(std::move(p));
    }
  }

  // The master's address as a sentinel names it, as the chart's start script asks; pod 0's if
  // no sentinel answers.
  std::string current_master() const {
    for (int i = 0; i < pods_; ++i) {
      ToolResult r = run_tool({"timeout", "1", "redis-cli", "--no-auth-warning", "-a", kPassword,
                               "-h", pod_ip(i), "-p", std::to_string(sentinel_port_), "SENTINEL",
                               "GET-MASTER-ADDR-BY-NAME", "mymaster"});
      std::string ip = r.out.substr(0, r.out.find('\n'));
      if (r.ok() && ip.rfind("127.10.0.", 0) == 0) return ip;
    }
    return pod_ip(0);
  }

  FakeClusterOptions o_;
  std::vector<PodProcs> pods_procs_;
  std::thread controller_;
  std::atomic<bool> stop_{false};
  std::atomic<int> replaced_{0};
  int sentinel_port_ = 0;
  fs::path state_;
  std::string old_path_;
  int port_ = 0;
  int pods_ = 0;
  int blackhole_ = -1;
  std::vector<int> pids_;
};

// A Waiter that sleeps (the tests run in real time against real redis-servers).
inline Waiter sleeper() {
  return [](Nanos d) {
    usleep(static_cast<useconds_t>(d / 1000));
    return false;
  };
}

// A Waiter that returns at once: for tests where nothing real needs time to pass.
inline Waiter no_wait() {
  return [](Nanos) { return false; };
}

}  // namespace rrt::k8s_test

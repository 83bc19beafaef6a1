// A local Redis lab: redis-server and redis-sentinel processes from the Debian binaries, started
// as children of this process, each in its own directory under the lab's directory.
//
// Lifetime: children get PR_SET_PDEATHSIG (SIGKILL), so they die with the thread that started
// them. Contract: call start(), restart() and add_replica() from one long-lived thread (the main
// thread), never from a short-lived worker. The lab registers itself in lab.json (owner pid and
// start time, node pids), so a later rrt finds a lab whose owner died and cleans it up
// (see lab_registry.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "topo/lab_spec.h"
#include "topo/topology.h"

namespace rrt {

class LabHosts;
class NetworkFaults;

struct LabNode {
  NodeInfo info;
  Endpoint listen;           // where the process listens: info.endpoint, except behind a proxy
  std::string dir;           // node directory: config, log, data
  std::string config_path;   // redis.conf or sentinel.conf
  int pid = 0;               // 0 when not running
  long long start_time = 0;  // /proc start time of pid, against pid reuse
  bool paused = false;
};

class Lab {
 public:
  // Reserves ports and writes every node's configuration; starts nothing. Throws UsageError for
  // a bad spec, EnvironmentError when ports are taken or binaries are missing.
  explicit Lab(LabSpec spec);
  // Stops whatever still runs and removes the lab's directory.
  ~Lab();
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  // Starts every node and returns once the lab is ready: every replica reports
  // master_link_status:up; a cluster has every slot assigned, every node says cluster_state:ok
  // and all agree on the slot map; with Sentinel, CKQUORUM is OK and every sentinel knows every
  // other sentinel and every replica. On failure everything started is stopped and EnvironmentError
  // says what was not ready and which log to read.
  void start(Nanos ready_timeout = 30 * kSeconds);
  // Stops every node (SIGTERM, then SIGKILL after a grace period) and removes the directory.
  void stop();

  const LabSpec& spec() const { return spec_; }
  const std::string& dir() const { return dir_; }
  Topology topology() const;
  const std::vector<LabNode>& nodes() const { return nodes_; }
  const LabNode& node(const std::string& name) const;

  // Faults on the lab's own processes. `name` is a node name; UsageError if unknown.
  void signal(const std::string& name, int signo);  // SIGKILL, SIGTERM, SIGSTOP, SIGCONT
  void kill(const std::string& name);               // SIGKILL and reap
  void shutdown(const std::string& name);           // SHUTDOWN NOSAVE-free graceful stop
  void pause(const std::string& name);              // SIGSTOP
  void resume(const std::string& name);             // SIGCONT
  void restart(const std::string& name);            // start a stopped node with its config
  bool running(const std::string& name) const;
  // Adds a replica of the current master; returns its name. Waits until its link is up.
  std::string add_replica(Nanos ready_timeout = 20 * kSeconds);
  // Stops a replica for good and tells the sentinels to forget it (SENTINEL RESET).
  void remove_replica(const std::string& name);

  // Called by the owner when a child exited (from waitpid); marks the node stopped.
  void on_child_exit(int pid);

  // With spec.hosts netns or proxy (net/lab_hosts.h): the nodes' network, which adds client
  // hosts, and its faults. Null for loopback labs.
  LabHosts* hosts() { return hosts_.get(); }
  NetworkFaults* network();

 private:
  // With spec.tls: the lab's CA and certificates in <dir>/tls (lab/lab_certs.h).
  void make_certs();
  void write_configs();
  void write_config(LabNode& node, const Endpoint& master);
  void spawn(LabNode& node);
  void wait_ready(Nanos timeout);
  // Cluster labs (lab_cluster.cc): slots, MEET and REPLICATE; then what is not ready yet.
  void form_cluster(Nanos deadline);
  std::string cluster_pending() const;
  void save_registry() const;
  LabNode& mutable_node(const std::string& name);

  LabSpec spec_;
  std::string dir_;
  std::vector<LabNode> nodes_;
  std::unique_ptr<LabHosts> hosts_;  // null for loopback; ~Lab stops the nodes before it goes
  bool stopped_ = true;
};

}  // namespace rrt

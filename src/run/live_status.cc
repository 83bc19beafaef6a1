#include "run/live_status.h"

#include <fmt/format.h>

#include <vector>

#include "history/fault_detail.h"
#include "topo/switch_master.h"

namespace rrt {

std::string format_status(const StatusSnapshot& s) {
  std::string line = fmt::format("{:5.1f}/{:.1f} s  {} ops  {:.0f} ops/s  errors {} ({:.0f}/s)",
                                 static_cast<double>(s.elapsed) / kSeconds,
                                 static_cast<double>(s.total) / kSeconds, s.ok + s.fail + s.info,
                                 s.ops_per_s, s.fail + s.info, s.errors_per_s);
  if (!s.faults.empty()) line += "  fault: " + s.faults;
  if (!s.master.empty()) line += "  master: " + s.master;
  return line;
}

LiveStatus::LiveStatus(const Topology& topology, std::function<LoadReport()> progress, Nanos t0,
                       Nanos total)
    : topology_(topology), progress_(std::move(progress)), t0_(t0), total_(total), last_time_(t0) {
  auto masters = topology_.with_role(Role::kMaster);
  if (masters.size() == 1) master_ = describe(masters.front().endpoint);
}

std::string LiveStatus::describe(const Endpoint& e) const {
  const NodeInfo* n = topology_.find(e);
  return n ? fmt::format("{} {}", n->name, e.to_string()) : e.to_string();
}

void LiveStatus::on_fault_event(const Event& e) {
  std::optional<FaultDetail> fault = fault_detail_of(e);
  if (!fault) return;
  std::string what = e.node.empty() ? e.name : e.name + " " + e.node;
  std::lock_guard lock(mu_);
  if (fault->phase == FaultPhase::kStart) faults_[what] = what;
  if (fault->phase == FaultPhase::kStop) faults_.erase(what);
}

void LiveStatus::on_switch_master(const std::string& payload) {
  std::optional<SwitchMaster> m = parse_switch_master(payload);
  if (!m) return;
  std::lock_guard lock(mu_);
  master_ = describe(m->new_master);
}

StatusSnapshot LiveStatus::snapshot() {
  StatusSnapshot s;
  Nanos now = mono_ns();
  s.elapsed = std::min(now - t0_, total_);
  s.total = total_;
  LoadReport done = progress_();
  s.ok = done.ok;
  s.fail = done.fail;
  s.info = done.info;
  uint64_t ops = s.ok + s.fail + s.info, errors = s.fail + s.info;
  double dt = static_cast<double>(now - last_time_) / kSeconds;
  if (dt > 0) {
    s.ops_per_s = static_cast<double>(ops - last_ops_) / dt;
    s.errors_per_s = static_cast<double>(errors - last_errors_) / dt;
  }
  last_time_ = now;
  last_ops_ = ops;
  last_errors_ = errors;
  std::lock_guard lock(mu_);
  for (const auto& [key, what] : faults_) s.faults += (s.faults.empty() ? "" : ", ") + what;
  s.master = master_;
  return s;
}

Ticker::Ticker(Nanos period, std::function<void()> tick)
    : thread_([this, period, tick = std::move(tick)] {
        std::unique_lock lock(mu_);
        while (!cv_.wait_for(lock, std::chrono::nanoseconds(period), [this] { return stop_; })) {
          lock.unlock();
          tick();
          lock.lock();
        }
      }) {}

Ticker::~Ticker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace rrt

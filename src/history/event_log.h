// Appends events to events.jsonl as they happen; safe to call from any thread. Each event is
// written and flushed at once, so a crash keeps everything recorded before it.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "history/event.h"

namespace rrt {

class EventLog {
 public:
  // `t0` is the run's start (mono_ns); events get times relative to it. Throws EnvironmentError.
  EventLog(const std::string& path, Nanos t0);
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Records an event that happened at `mono` (default: now).
  void add(const std::string& source, const std::string& name, const std::string& node = "",
           nlohmann::json detail = nlohmann::json::object(), Nanos mono = 0);
  Nanos t0() const { return t0_; }

 private:
  std::mutex mu_;
  FILE* file_ = nullptr;
  Nanos t0_;
};

}  // namespace rrt

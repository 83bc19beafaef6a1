// Records client operations into a history file as invoke / completion pairs, with times
// relative to the run's start. One Recorder per thread (it wraps a HistoryWriter::Buffer).
#pragma once

#include <atomic>

#include "history/history_writer.h"
#include "resp/outcome.h"

namespace rrt {

// The history's completion type for a call's outcome.
inline OpType op_type(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return OpType::kOk;
    case Outcome::kFail:
      return OpType::kFail;
    case Outcome::kInfo:
      break;
  }
  return OpType::kInfo;
}

// Completed operations by outcome, readable from any thread while the recorder writes them
// (for live progress; the history file is the record).
struct OpTally {
  std::atomic<uint64_t> ok{0}, fail{0}, info{0};

  void add(Outcome outcome, uint64_t n = 1) {
    auto& count = outcome == Outcome::kOk ? ok : outcome == Outcome::kFail ? fail : info;
    count.fetch_add(n, std::memory_order_relaxed);
  }
};

class Recorder {
 public:
  // `writer` must outlive the recorder; `t0` is the run's start (mono_ns).
  Recorder(HistoryWriter* writer, Nanos t0) : buffer_(writer), t0_(t0) {}

  // Records the invocation; returns the op so the caller can complete it.
  Op invoke(int64_t process, std::string f, std::string key, Value value, std::string node) {
    Op op;
    op.process = process;
    op.type = OpType::kInvoke;
    op.f = std::move(f);
    op.key = std::move(key);
    op.value = std::move(value);
    op.node = std::move(node);
    op.time = mono_ns() - t0_;
    buffer_.record(op);
    return op;
  }

  // Records how `op` ended: its outcome and error kind from `result`, and `value` (the value
  // read, for reads; the argument again for writes).
  void complete(Op op, const CallResult& result, Value value) {
    op.type = op_type(result.outcome);
    op.error = result.error;
    op.value = std::move(value);
    op.time = mono_ns() - t0_;
    buffer_.record(op);
    tally_.add(result.outcome);
  }

  void flush() { buffer_.flush(); }
  Nanos t0() const { return t0_; }
  const OpTally& tally() const { return tally_; }
  // For counters kept elsewhere, e.g. the load engine's threads, to add their operations.
  OpTally& tally() { return tally_; }

 private:
  HistoryWriter::Buffer buffer_;
  Nanos t0_;
  OpTally tally_;
};

}  // namespace rrt

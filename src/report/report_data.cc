#include "report/report_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "base/errors.h"
#include "history/compact_history.h"
#include "history/history_reader.h"

namespace rrt {

namespace fs = std::filesystem;

int64_t RunData::count(OpType outcome) const {
  return std::count_if(ops.begin(), ops.end(),
                       [&](const OpSample& s) { return s.outcome == outcome; });
}

static std::string require_file(const std::string& dir, const std::string& name) {
  std::string path = dir + "/" + name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw UsageError(fmt::format("{}: missing; is {} a run directory?", path, dir));
  }
  return path;
}

static nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError(fmt::format("{}: cannot be read", path));
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError(fmt::format("{}: not valid JSON: {}", path, e.what()));
  }
}

namespace {

// Pairs each completion with the pending invocation of its process, in file order (a process
// has one operation in flight, and its records are written in order).
class SampleBuilder {
 public:
  explicit SampleBuilder(RunData* data) : data_(data) {}
  void add(const Op& op) {
    data_->end = std::max(data_->end, op.time);
    if (op.type == OpType::kInvoke) {
      auto [it, fresh] = pending_.try_emplace(op.process, Pending{op.time, f_index(op.f)});
      if (!fresh) {  // a new invoke without completion: the old one never completed
        ++data_->never_completed;
        it->second = Pending{op.time, f_index(op.f)};
      }
      return;
    }
    auto it = pending_.find(op.process);
    if (it == pending_.end()) return;  // a completion without invoke: nothing to draw
    data_->ops.push_back({it->second.start, op.time, op.process, op.type, it->second.f});
    pending_.erase(it);
  }
  void finish() {
    data_->never_completed += static_cast<int64_t>(pending_.size());
    std::stable_sort(data_->ops.begin(), data_->ops.end(),
                     [](const OpSample& a, const OpSample& b) { return a.start < b.start; });
  }

 private:
  struct Pending {
    Nanos start;
    uint16_t f;
  };
  uint16_t f_index(const std::string& f) {
    auto it = std::find(data_->fs.begin(), data_->fs.end(), f);
    if (it != data_->fs.end()) return static_cast<uint16_t>(it - data_->fs.begin());
    if (data_->fs.size() >= 0xffff) return 0xffff - 1;  // absurdly many names: lump them
    data_->fs.push_back(f);
    return static_cast<uint16_t>(data_->fs.size() - 1);
  }
  RunData* data_;
  std::unordered_map<int64_t, Pending> pending_;
};

}  // namespace

void read_op_samples(const std::string& path, RunData* data) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(fmt::format("{}: cannot be read", path));
  SampleBuilder builder(data);
  char head[kCompactMagic.size()] = {};
  in.read(head, sizeof head);
  if (is_compact_history(std::string_view(head, static_cast<size_t>(in.gcount())))) {
    for (const Op& op : read_history(path)) builder.add(op);  // decoded whole, in time order
    builder.finish();
    return;
  }
  in.clear();
  in.seekg(0, std::ios::beg);
  std::string line, why;
  Op op;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!parse_op_line(line, &op, &why)) {
      throw UsageError(fmt::format("{}:{}: {}", path, number, why));
    }
    builder.add(op);
  }
  builder.finish();
}

RunData load_run_data(const std::string& dir) {
  RunData data;
  data.dir = dir;
  std::string results = require_file(dir, "results.json");
  std::error_code ec;
  bool compact = fs::is_regular_file(dir + "/history.rrth", ec);
  data.history_file = compact ? "history.rrth" : "history.jsonl";
  std::string history = require_file(dir, data.history_file);
  std::string events = require_file(dir, "events.jsonl");
  data.results = read_json_file(results);
  if (!data.results.is_object()) throw UsageError(fmt::format("{}: not a JSON object", results));
  if (fs::is_regular_file(dir + "/scenario.json")) {
    data.scenario = read_json_file(dir + "/scenario.json");
  }
  data.events = read_events(events);
  for (const Event& e : data.events) data.end = std::max(data.end, e.time);
  read_op_samples(history, &data);
  return data;
}

}  // namespace rrt

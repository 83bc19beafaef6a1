#include "history/history_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/errors.h"
#include "history/compact_history.h"

namespace rrt {

using nlohmann::json;

static bool value_from_json(const json& j, Value* out, std::string* why) {
  if (j.is_null()) {
    *out = Value::nil();
  } else if (j.is_number_integer()) {
    *out = Value::of(j.get<int64_t>());
  } else if (j.is_string()) {
    *out = Value::of(j.get<std::string>());
  } else if (j.is_array()) {
    std::vector<Value> items(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
      if (!value_from_json(j[i], &items[i], why)) return false;
    }
    *out = Value::list(std::move(items));
  } else {
    *why = "\"value\" must be null, an integer, a string or an array";
    return false;
  }
  return true;
}

static bool optional_string(const json& j, const char* name, std::string* out, std::string* why) {
  auto it = j.find(name);
  if (it == j.end()) return true;
  if (!it->is_string()) {
    *why = fmt::format("\"{}\" must be a string", name);
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

static bool parse_op_line_json(const std::string& line, Op* op, std::string* why) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *why = "not a JSON object";
    return false;
  }
  *op = Op{};
  auto process = j.find("process");
  if (process == j.end() || !process->is_number_integer()) {
    *why = "\"process\" must be an integer";
    return false;
  }
  op->process = process->get<int64_t>();
  auto type = j.find("type");
  if (type == j.end() || !type->is_string() ||
      !parse_op_type(type->get<std::string>(), &op->type)) {
    *why = "\"type\" must be one of invoke, ok, fail, info";
    return false;
  }
  auto f = j.find("f");
  if (f == j.end() || !f->is_string()) {
    *why = "\"f\" must be a string";
    return false;
  }
  op->f = f->get<std::string>();
  auto time = j.find("time");
  if (time == j.end() || !time->is_number_integer()) {
    *why = "\"time\" must be an integer (ns)";
    return false;
  }
  op->time = time->get<int64_t>();
  if (auto v = j.find("value"); v != j.end() && !value_from_json(*v, &op->value, why)) return false;
  return optional_string(j, "key", &op->key, why) && optional_string(j, "node", &op->node, why) &&
         optional_string(j, "error", &op->error, why);
}

// The fast path for lines as rrt writes them (history/op_json.h):
// one flat object of known fields whose strings hold no escapes and whose values are integers,
// plain strings or null. Returns false for anything else, and the line then goes through the
// JSON library, which also words the errors. Hand-written because the library builds a DOM per
// line, which made reading a million-operation history take ten seconds.
class PlainLineScanner {
 public:
  explicit PlainLineScanner(std::string_view line) : p_(line.data()), end_(p_ + line.size()) {}

  bool scan(Op* op) {
    *op = Op{};
    bool process = false, type = false, f = false, time = false;
    if (!eat('{')) return false;
    do {
      std::string_view name;
      if (!string(&name) || !eat(':')) return false;
      if (name == "process") {
        process = integer(&op->process);
      } else if (name == "time") {
        time = integer(&op->time);
      } else if (name == "type") {
        std::string_view t;
        type = string(&t) && parse_op_type(std::string(t), &op->type);
      } else if (name == "f") {
        f = assign(&op->f);
      } else if (name == "key") {
        if (!assign(&op->key)) return false;
      } else if (name == "node") {
        if (!assign(&op->node)) return false;
      } else if (name == "error") {
        if (!assign(&op->error)) return false;
      } else if (name == "value") {
        if (!value(&op->value)) return false;
      } else {
        return false;
      }
    } while (eat(','));
    return eat('}') && p_ == end_ && process && type && f && time;
  }

 private:
  bool eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  bool string(std::string_view* out) {
    if (!eat('"')) return false;
    const char* start = p_;
    while (p_ != end_ && *p_ != '"') {
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '\\' || c < 0x20 || c >= 0x80) return false;  // escapes, control, non-ASCII
      ++p_;
    }
    if (p_ == end_) return false;
    *out = std::string_view(start, p_ - start);
    ++p_;
    return true;
  }
  bool assign(std::string* out) {
    std::string_view text;
    if (!string(&text)) return false;
    out->assign(text);
    return true;
  }
  bool integer(int64_t* out) {
    auto [next, ec] = std::from_chars(p_, end_, *out);
    if (ec != std::errc() || (next != end_ && (*next == '.' || *next == 'e' || *next == 'E')))
      return false;
    p_ = next;
    return true;
  }
  bool value(Value* out) {
    if (p_ == end_) return false;
    if (*p_ == '"') {
      std::string_view text;
      if (!string(&text)) return false;
      *out = Value::of(std::string(text));
      return true;
    }
    if (end_ - p_ >= 4 && std::string_view(p_, 4) == "null") {
      p_ += 4;
      *out = Value::nil();
      return true;
    }
    int64_t n = 0;
    if (!integer(&n)) return false;
    *out = Value::of(n);
    return true;
  }

  const char* p_;
  const char* end_;
};

bool parse_op_line(const std::string& line, Op* op, std::string* why) {
  std::string_view text(line);
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  if (PlainLineScanner(text).scan(op)) return true;
  return parse_op_line_json(line, op, why);
}

// Ops in time order, ties in file order. Sorts (time, position) pairs and moves each op once:
// an Op is a few hundred bytes, and sorting them in place moved each of them many times.
static History sorted_by_time(History history) {
  auto earlier = [](const Op& a, const Op& b) { return a.time < b.time; };
  if (std::is_sorted(history.begin(), history.end(), earlier)) return history;
  std::vector<std::pair<Nanos, size_t>> order(history.size());
  for (size_t i = 0; i < history.size(); ++i) order[i] = {history[i].time, i};
  std::sort(order.begin(), order.end());  // pairs are distinct: equal times keep file order
  History sorted;
  sorted.reserve(history.size());
  for (const auto& [time, i] : order) sorted.push_back(std::move(history[i]));
  return sorted;
}

// A compact history (history/compact_history.h), read whole.
static History read_compact(const std::string& path, std::ifstream& in) {
  in.seekg(0, std::ios::end);
  std::string bytes(static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0, std::ios::beg);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw EnvironmentError(fmt::format("cannot read history file {}", path));
  History history;
  history.reserve(bytes.size() / 12);
  decode_compact_history(path, bytes, &history);
  return history;
}

History read_history(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EnvironmentError(fmt::format("cannot read history file {}", path));
  char head[kCompactMagic.size()] = {};
  in.read(head, sizeof head);
  bool compact = is_compact_history(std::string_view(head, static_cast<size_t>(in.gcount())));
  in.clear();
  in.seekg(0, std::ios::beg);
  History history;
  if (compact) {
    history = sorted_by_time(read_compact(path, in));
    for (size_t i = 0; i < history.size(); ++i) history[i].index = static_cast<int64_t>(i);
    return history;
  }
  // rrt writes about 120 bytes per line; reserving for 100 (untouched capacity costs no memory)
  // spares the copies of growing a vector of a million ops.
  in.seekg(0, std::ios::end);
  history.reserve(static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0)) / 100);
  in.seekg(0, std::ios::beg);
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Op op;
    std::string why;
    if (!parse_op_line(line, &op, &why)) {
      // A last line without its newline was cut short by a crash of the writer: everything
      // before it is still the history.
      if (in.eof()) break;
      throw UsageError(fmt::format("{}:{}: {}", path, line_no, why));
    }
    history.push_back(std::move(op));
  }
  history = sorted_by_time(std::move(history));
  for (size_t i = 0; i < history.size(); ++i) history[i].index = static_cast<int64_t>(i);
  return history;
}

}  // namespace rrt

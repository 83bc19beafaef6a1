#include "history/history_reader.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/errors.h"

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

bool parse_op_line(const std::string& line, Op* op, std::string* why) {
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
  if (type == j.end() || !type->is_string() || !parse_op_type(type->get<std::string>(), &op->type)) {
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

History read_history(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw EnvironmentError(fmt::format("cannot read history file {}", path));
  History history;
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
  std::stable_sort(history.begin(), history.end(),
                   [](const Op& a, const Op& b) { return a.time < b.time; });
  for (size_t i = 0; i < history.size(); ++i) history[i].index = static_cast<int64_t>(i);
  return history;
}

}  // namespace rrt

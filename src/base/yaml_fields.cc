#include "base/yaml_fields.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "base/option_reader.h"

namespace rrt {

std::string YamlFields::where(const YAML::Node& node) const {
  YAML::Mark m = node.Mark();
  if (m.is_null()) return file_;
  return fmt::format("{}:{}:{}", file_, m.line + 1, m.column + 1);
}

void YamlFields::fail(const YAML::Node& node, const std::string& message) const {
  throw UsageError(fmt::format("{}: {}", where(node), message));
}

void YamlFields::require_keys(const YAML::Node& node, const std::string& what,
                              const std::vector<std::string>& known) const {
  if (!node.IsMap()) fail(node, fmt::format("{} must be a map of key: value", what));
  std::vector<std::string> seen;
  for (const auto& kv : node) {
    std::string key = kv.first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      fail(kv.first, fmt::format("'{}' appears twice in {}", key, what));
    }
    seen.push_back(key);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      fail(kv.first, fmt::format("unknown key '{}' in {} (expected one of: {})", key, what,
                                 fmt::join(known, ", ")));
    }
  }
}

YAML::Node YamlFields::key_node(const YAML::Node& map, const std::string& key) const {
  if (map.IsMap()) {
    for (const auto& kv : map) {
      if (kv.first.Scalar() == key) return kv.first;
    }
  }
  return map;
}

std::string YamlFields::text(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, fmt::format("{} must be a single value", what));
  return node.Scalar();
}

int YamlFields::integer(const YAML::Node& node, const std::string& what, int lo, int hi) const {
  std::string s = text(node, what);
  try {
    size_t used = 0;
    long long v = std::stoll(s, &used);
    if (used == s.size() && v >= lo && v <= hi) return static_cast<int>(v);
  } catch (const std::logic_error&) {
  }
  fail(node, fmt::format("{} is '{}': expected an integer from {} to {}", what, s, lo, hi));
}

Nanos YamlFields::duration(const YAML::Node& node, const std::string& what) const {
  std::string s = text(node, what);
  try {
    return parse_duration(s);
  } catch (const UsageError& e) {
    fail(node, fmt::format("{}: {}", what, e.what()));
  }
}

std::vector<std::string> YamlFields::text_list(const YAML::Node& node,
                                               const std::string& what) const {
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) fail(node, fmt::format("{} must be a list", what));
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(text(item, what + " entry"));
  return out;
}

static nlohmann::json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null") return nullptr;
  if (s == "true") return true;
  if (s == "false") return false;
  try {
    size_t used = 0;
    long long i = std::stoll(s, &used);
    if (used == s.size()) return i;
    double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (const std::logic_error&) {
  }
  return s;
}

nlohmann::json YamlFields::to_json(const YAML::Node& node) const {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? nlohmann::json(node.Scalar()) : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& item : node) a.push_back(to_json(item));
      return a;
    }
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : node) o[kv.first.Scalar()] = to_json(kv.second);
      return o;
    }
  }
  return nullptr;
}

}  // namespace rrt

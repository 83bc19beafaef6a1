// Reading YAML nodes with errors that point into the file: "file:line:column: what is wrong".
// yaml-cpp 0.7 gives every node a Mark() (0-based line and column); we print them 1-based, as
// editors do.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"

namespace rrt {

class YamlFields {
 public:
  explicit YamlFields(std::string file) : file_(std::move(file)) {}

  // Throws UsageError "file:line:column: message" for `node`'s position.
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;
  std::string where(const YAML::Node& node) const;

  // Requires `node` to be a map whose keys are all in `known`; `what` names it ("topology").
  void require_keys(const YAML::Node& node, const std::string& what,
                    const std::vector<std::string>& known) const;
  // The key node of `key` in map `node` (for pointing at a key rather than its value); `node`
  // itself if there is no such key.
  YAML::Node key_node(const YAML::Node& map, const std::string& key) const;

  std::string text(const YAML::Node& node, const std::string& what) const;
  int integer(const YAML::Node& node, const std::string& what, int lo, int hi) const;
  Nanos duration(const YAML::Node& node, const std::string& what) const;
  std::vector<std::string> text_list(const YAML::Node& node, const std::string& what) const;
  // Any YAML value as JSON: plain scalars become null, booleans, integers or numbers when they
  // read as such, quoted scalars stay strings.
  nlohmann::json to_json(const YAML::Node& node) const;

 private:
  std::string file_;
};

}  // namespace rrt

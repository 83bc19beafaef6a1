// Running a scenario through the rrt binary in integration tests: the command's output, the run
// directory it printed, and that directory's results.json and events.jsonl.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace rrt::testing {

// The check named `name` in a results.json, or null.
inline nlohmann::json check_named(const nlohmann::json& results, const std::string& name) {
  for (const auto& c : results.value("checks", nlohmann::json::array())) {
    if (c["name"] == name) return c;
  }
  return nullptr;
}

// Every line of a JSON Lines file (history.jsonl, events.jsonl), parsed.
inline std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

struct ScenarioRun {
  CommandResult command;
  std::string dir;  // the run directory ("" if the run did not get that far)
  nlohmann::json results;
  std::vector<nlohmann::json> events;

  // Events of `source` named `name` (any name if empty).
  std::vector<nlohmann::json> find(const std::string& source, const std::string& name = "") const {
    std::vector<nlohmann::json> out;
    for (const auto& e : events) {
      if (e["source"] == source && (name.empty() || e["name"] == name)) out.push_back(e);
    }
    return out;
  }
  // The check named `name` in results.json, or null.
  nlohmann::json check(const std::string& name) const { return check_named(results, name); }
};

// Runs `rrt run <args> --runs-dir <home>/runs` and loads results.json and events.jsonl.
inline ScenarioRun run_scenario_cli(std::vector<std::string> args, const std::string& home,
                                    int timeout_s = 90) {
  args.insert(args.begin(), "run");
  args.push_back("--runs-dir");
  args.push_back(home + "/runs");
  ScenarioRun r;
  r.command = run_rrt(args, home, timeout_s);
  const std::string marker = "run directory: ";
  size_t at = r.command.out.rfind(marker);
  if (at == std::string::npos) return r;
  r.dir = r.command.out.substr(at + marker.size());
  r.dir = r.dir.substr(0, r.dir.find('\n'));
  std::ifstream results(r.dir + "/results.json");
  if (results) r.results = nlohmann::json::parse(results);
  r.events = read_jsonl(r.dir + "/events.jsonl");
  return r;
}

// Writes `yaml` to <home>/<name>.yaml and returns the path.
inline std::string write_scenario(const std::string& home, const std::string& name,
                                  const std::string& yaml) {
  std::string path = home + "/" + name + ".yaml";
  std::ofstream(path) << yaml;
  return path;
}

}  // namespace rrt::testing

#include "scenario/scenario_loader.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/errors.h"
#include "base/option_reader.h"
#include "base/yaml_fields.h"
#include "check/registry.h"

namespace rrt {

namespace {

// Runs `make` (which validates options) and turns its errors into errors at the offending key
// of `options` (or at `node` when the key is not found).
template <typename Make>
void validate(const YamlFields& y, const YAML::Node& node, const YAML::Node& options, Make make) {
  try {
    make();
  } catch (const OptionError& e) {
    y.fail(y.key_node(options, e.key()), e.what());
  } catch (const UsageError& e) {
    y.fail(node, e.what());
  }
}

// Sets `out` from topology key `key` if present: true or false.
void read_bool(const YamlFields& y, const YAML::Node& t, const char* key, bool* out) {
  if (!t[key]) return;
  nlohmann::json v = y.to_json(t[key]);
  if (!v.is_boolean()) y.fail(t[key], fmt::format("topology.{}: expected true or false", key));
  *out = v.get<bool>();
}

TopologyKind topology_kind(const YamlFields& y, const YAML::Node& n) {
  std::string text = y.text(n, "topology.kind");
  if (auto kind = parse_topology_kind(text)) return *kind;
  y.fail(n, fmt::format("topology.kind: '{}' is not one of {}", text, topology_kind_names()));
}

HostsMode hosts_mode(const YamlFields& y, const YAML::Node& n) {
  std::string text = y.text(n, "topology.hosts");
  if (auto mode = parse_hosts_mode(text)) return *mode;
  y.fail(n, fmt::format("topology.hosts: '{}' is not one of {}", text, hosts_mode_names()));
}

LabSpec read_topology(const YamlFields& y, const YAML::Node& t) {
  y.require_keys(
      t, "topology",
      {"kind", "replicas", "sentinels", "quorum", "down_after_ms", "failover_timeout_ms",
       "parallel_syncs", "persistence", "master_name", "hosts", "redis_config", "sentinel_config",
       "client_hosts", "masters", "node_timeout_ms", "auto_eject", "tls"});
  LabSpec s;
  if (t["kind"]) s.kind = topology_kind(y, t["kind"]);
  if (t["replicas"]) s.replicas = y.integer(t["replicas"], "topology.replicas", 0, 16);
  if (t["masters"]) s.masters = y.integer(t["masters"], "topology.masters", 1, 16);
  read_bool(y, t, "auto_eject", &s.auto_eject);
  read_bool(y, t, "tls", &s.tls);
  if (t["node_timeout_ms"])
    s.node_timeout_ms = y.integer(t["node_timeout_ms"], "topology.node_timeout_ms", 100, 3600000);
  if (t["sentinels"]) s.sentinels = y.integer(t["sentinels"], "topology.sentinels", 1, 9);
  if (t["quorum"]) s.quorum = y.integer(t["quorum"], "topology.quorum", 1, 9);
  if (t["down_after_ms"])
    s.down_after_ms = y.integer(t["down_after_ms"], "topology.down_after_ms", 100, 3600000);
  if (t["failover_timeout_ms"]) {
    s.failover_timeout_ms =
        y.integer(t["failover_timeout_ms"], "topology.failover_timeout_ms", 1000, 3600000);
  }
  if (t["parallel_syncs"])
    s.parallel_syncs = y.integer(t["parallel_syncs"], "topology.parallel_syncs", 1, 16);
  if (t["persistence"]) s.persistence = y.text(t["persistence"], "topology.persistence");
  if (t["master_name"]) s.master_name = y.text(t["master_name"], "topology.master_name");
  if (t["hosts"]) s.hosts = hosts_mode(y, t["hosts"]);
  if (t["client_hosts"])
    s.client_hosts = y.integer(t["client_hosts"], "topology.client_hosts", 0, 16);
  for (const char* key : {"redis_config", "sentinel_config"}) {
    if (!t[key]) continue;
    YAML::Node m = t[key];
    if (!m.IsMap()) y.fail(m, fmt::format("topology.{} must be a map of directive: value", key));
    auto& target = std::string(key) == "redis_config" ? s.redis_config : s.sentinel_config;
    for (const auto& kv : m) target[kv.first.Scalar()] = y.text(kv.second, kv.first.Scalar());
  }
  try {
    s.validate();
  } catch (const UsageError& e) {
    y.fail(t, fmt::format("topology: {}", e.what()));
  }
  return s;
}

WorkloadSpec read_workload(const YamlFields& y, const ScenarioVocabulary& v, const YAML::Node& w) {
  if (!w.IsMap()) y.fail(w, "a workload must be a map with kind: and its options");
  if (!w["kind"]) y.fail(w, fmt::format("a workload needs kind: ({})", v.workload_kind_names));
  WorkloadSpec spec;
  spec.kind = y.text(w["kind"], "kind");
  for (const auto& kv : w) {
    if (kv.first.Scalar() != "kind") spec.options[kv.first.Scalar()] = y.to_json(kv.second);
  }
  validate(y, w["kind"], w, [&] { v.check_workload(spec.kind, spec.options); });
  return spec;
}

// One fault step: a verb key whose value is its main option or a map of options, and the
// timing keys at / for / every / repeat.
FaultStep read_fault(const YamlFields& y, const ScenarioVocabulary& v, const YAML::Node& f) {
  static const std::vector<std::string> kTiming = {"at", "for", "every", "repeat"};
  if (!f.IsMap()) y.fail(f, "a fault must be a map such as {kill: master, at: 5s}");
  FaultStep step;
  YAML::Node verb_key, args;  // set once, when the verb is found
  bool found = false;
  for (const auto& kv : f) {
    std::string key = kv.first.Scalar();
    if (std::find(kTiming.begin(), kTiming.end(), key) != kTiming.end()) continue;
    if (!v.fault_verbs.count(key)) {
      y.fail(kv.first, fmt::format("unknown key '{}' in a fault: expected a fault verb ({}) or "
                                   "at, for, every, repeat",
                                   key, v.fault_verb_names));
    }
    if (found) {
      y.fail(kv.first, fmt::format("one fault per entry: '{}' and '{}'", verb_key.Scalar(), key));
    }
    found = true;
    verb_key.reset(kv.first);
    args.reset(kv.second);
  }
  if (!found) y.fail(f, fmt::format("a fault needs a verb: one of {}", v.fault_verb_names));
  y.require_keys(f, "a fault", [&] {
    std::vector<std::string> keys = kTiming;
    keys.push_back(verb_key.Scalar());
    return keys;
  }());
  step.verb = verb_key.Scalar();
  const ScenarioVocabulary::FaultVerb& verb = v.fault_verbs.at(step.verb);
  if (args.IsMap()) {
    step.args = y.to_json(args);
  } else if (args.IsScalar() && !args.Scalar().empty() && !verb.main_arg.empty()) {
    step.args[verb.main_arg] = y.to_json(args);
  } else if (!args.IsNull() && !(args.IsScalar() && args.Scalar().empty())) {
    y.fail(args, fmt::format("fault {}: expected a {} or a map of options ({})", step.verb,
                             verb.main_arg.empty() ? "map" : verb.main_arg, verb.args));
  }
  validate(y, verb_key, args, [&] { v.check_fault(step.verb, step.args); });
  if (f["at"]) step.at = y.duration(f["at"], "at");
  if (f["for"]) step.duration = y.duration(f["for"], "for");
  if (f["every"]) step.every = y.duration(f["every"], "every");
  if (f["repeat"]) step.repeat = y.integer(f["repeat"], "repeat", 1, 1000);
  if (step.repeat > 1 && step.every <= 0) y.fail(f["repeat"], "repeat needs every: (the period)");
  if (step.repeat > 1 && step.duration >= step.every) {
    y.fail(f["for"], fmt::format("for ({}) must be shorter than every ({})",
                                 format_duration(step.duration), format_duration(step.every)));
  }
  return step;
}

// Faults that would start after the run's end are errors: they would never happen.
void check_schedule(const YamlFields& y, const YAML::Node& faults, const Scenario& s) {
  for (size_t i = 0; i < s.faults.size(); ++i) {
    const FaultStep& f = s.faults[i];
    Nanos last = f.at + (f.repeat - 1) * f.every;
    if (last >= s.duration) {
      YAML::Node at = faults[i]["at"] ? faults[i]["at"] : faults[i];
      y.fail(at, fmt::format("fault {} starts at {}, not before the run ends (duration {})", f.verb,
                             format_duration(last), format_duration(s.duration)));
    }
  }
}

std::vector<std::string> read_checks(const YamlFields& y, const YAML::Node& node) {
  std::vector<std::string> names = y.text_list(node, "checks");
  for (size_t i = 0; i < names.size(); ++i) {
    if (!find_checker(names[i])) {
      y.fail(node.IsSequence() ? node[i] : node,
             fmt::format("unknown check '{}' (expected one of {})", names[i], checker_names()));
    }
  }
  return names;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file,
                        const ScenarioVocabulary& vocabulary, const std::string& default_name) {
  YamlFields y(file);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw UsageError(fmt::format("{}:{}:{}: {}", file, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  if (!root.IsMap()) y.fail(root, "a scenario must be a map (name:, topology:, workloads:, ...)");
  y.require_keys(root, "a scenario",
                 {"name", "summary", "explain", "topology", "workloads", "faults", "duration",
                  "checks", "check_options"});
  Scenario s;
  s.name = root["name"] ? y.text(root["name"], "name") : default_name;
  if (root["summary"]) s.summary = y.text(root["summary"], "summary");
  if (root["explain"]) s.explain = y.text(root["explain"], "explain");
  if (root["topology"]) s.lab = read_topology(y, root["topology"]);
  if (root["duration"]) s.duration = y.duration(root["duration"], "duration");
  if (s.duration <= 0) y.fail(root["duration"], "duration must be more than 0s");
  if (YAML::Node w = root["workloads"]) {
    if (!w.IsSequence()) y.fail(w, "workloads must be a list (- kind: counter ...)");
    for (const auto& item : w) s.workloads.push_back(read_workload(y, vocabulary, item));
  }
  if (YAML::Node f = root["faults"]) {
    if (!f.IsSequence()) y.fail(f, "faults must be a list (- kill: master ...)");
    for (const auto& item : f) s.faults.push_back(read_fault(y, vocabulary, item));
    check_schedule(y, f, s);
  }
  if (root["checks"]) s.checks = read_checks(y, root["checks"]);
  if (YAML::Node o = root["check_options"]) {
    if (!o.IsMap()) y.fail(o, "check_options must be a map: check name -> options");
    s.check_options = y.to_json(o);
  }
  return s;
}

Scenario load_scenario_file(const std::string& path, const ScenarioVocabulary& vocabulary) {
  std::ifstream in(path);
  if (!in) throw EnvironmentError(fmt::format("cannot read scenario file {}", path));
  std::stringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path, vocabulary, std::filesystem::path(path).stem().string());
}

}  // namespace rrt

// `rrt check HISTORY --model M`: checks a history file offline, rrt's own JSONL or a Jepsen EDN
// history, with one checker (src/check/registry.h). Exit 0 valid, 1 invalid, 4 unknown.
#include <fmt/format.h>

#include "base/clock.h"
#include "base/errors.h"
#include "check/history_file.h"
#include "check/independent_keys.h"
#include "check/registry.h"
#include "cli/command.h"
#include "cli/output.h"

namespace rrt {

namespace {

struct CheckFlags {
  std::string path;
  std::string model;
  std::string initial = "nil";
  double time_limit_s = 60;
  int64_t memory_limit_mb = 2048;
  unsigned threads = 0;
  bool all_keys = false;
  OutputOptions out;
};

// --initial as a value: nil, an integer, a "quoted string", or any other text as a string.
nlohmann::json parse_initial(const std::string& text) {
  if (text == "nil" || text == "null") return nullptr;
  try {
    size_t used = 0;
    long long i = std::stoll(text, &used);
    if (used == text.size()) return i;
  } catch (const std::exception&) {
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

std::string text_report(const CheckFlags& flags, const CheckResult& result, size_t ops,
                        double read_s, double check_s) {
  std::string out =
      fmt::format("{}: {} ({} ops, model {}; read in {:.3f} s, checked in {:.3f} s)\n", flags.path,
                  verdict_name(result.verdict), ops, flags.model, read_s, check_s);
  out += "  " + result.summary;
  if (!result.explanation.empty()) out += "\n" + result.explanation;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void run(const CheckFlags& flags, CliContext& ctx) {
  Nanos start = mono_ns();
  History history = read_any_history(flags.path);
  split_tuple_keys(&history);
  size_t ops = 0;
  for (const Op& op : history) ops += op.type == OpType::kInvoke;
  nlohmann::json options = {{"initial", parse_initial(flags.initial)},
                            {"time_limit_s", flags.time_limit_s},
                            {"memory_limit_mb", flags.memory_limit_mb},
                            {"threads", flags.threads},
                            {"all_keys", flags.all_keys}};
  Nanos read = mono_ns();
  CheckResult result = run_check(flags.model, history, Events{}, options);
  double read_s = (read - start) / 1e9, check_s = (mono_ns() - read) / 1e9;
  nlohmann::json j = to_json(result);
  j["history"] = flags.path;
  j["ops"] = ops;
  j["read_seconds"] = read_s;
  j["seconds"] = check_s;
  j["total_seconds"] = read_s + check_s;
  print_object(j, flags.out, text_report(flags, result, ops, read_s, check_s));
  ctx.exit_code = exit_code_for({result});
}

}  // namespace

void add_check_command(CLI::App& root, CliContext& ctx) {
  auto* cmd = root.add_subcommand(
      "check",
      "Check a history file (rrt JSONL or Jepsen EDN): linearizability, sets, counters, "
      "stale reads. Exit 0 valid, 1 invalid, 4 unknown");
  auto flags = std::make_shared<CheckFlags>();
  cmd->add_option("history", flags->path, "history.jsonl or a Jepsen history.edn")->required();
  cmd->add_option("-m,--model", flags->model, "Checker: " + checker_names())
      ->required()
      ->check([](const std::string& name) {
        return find_checker(name) ? std::string() : "expected one of " + checker_names();
      });
  cmd->add_option("--initial", flags->initial,
                  "Initial register/kv/counter value: nil, an integer or a string (default nil)");
  cmd->add_option("--time-limit", flags->time_limit_s,
                  "Seconds before giving up with verdict unknown (0: none; default 60)");
  cmd->add_option("--memory-limit", flags->memory_limit_mb,
                  "MiB of search memory before giving up with verdict unknown (default 2048)");
  cmd->add_option("--threads", flags->threads, "Keys checked in parallel (default: all cores)");
  cmd->add_flag("--all-keys", flags->all_keys,
                "Check every key; by default the first key found invalid stops the others");
  add_output_flags(cmd, &flags->out);
  cmd->callback([flags, &ctx] { run(*flags, ctx); });
}

}  // namespace rrt

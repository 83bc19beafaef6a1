#include "cli/parse_error_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace rrt {
namespace {

bool is_flag(const std::string& arg) {
  return arg.size() > 1 && arg[0] == '-' && arg != "--";
}

std::string flag_name(const std::string& arg) {
  return arg.substr(0, arg.find('='));
}

// Flags of the root and of every subcommand named on the command line, as typed ("--url", "-h").
std::vector<std::string> known_flags(const CLI::App& root, const std::vector<std::string>& args) {
  std::vector<std::string> names;
  const CLI::App* app = &root;
  auto add_flags = [&names](const CLI::App& a) {
    for (const CLI::Option* opt : a.get_options()) {
      for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
      for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    }
  };
  add_flags(*app);
  for (const auto& arg : args) {
    if (is_flag(arg)) continue;
    const CLI::App* sub = nullptr;
    try {
      sub = app->get_subcommand(arg);
    } catch (const CLI::OptionNotFound&) {
    }
    if (sub == nullptr) continue;
    app = sub;
    add_flags(*app);
  }
  return names;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string nearest(const std::string& unknown, const std::vector<std::string>& known) {
  std::string best;
  if (unknown.rfind("--", 0) != 0) return best;  // no guesses for one-letter flags
  size_t best_distance = std::max<size_t>(2, unknown.size() / 4) + 1;
  for (const auto& name : known) {
    if (name.rfind("--", 0) != 0) continue;
    size_t d = edit_distance(unknown, name);
    if (d < best_distance) best = name, best_distance = d;
  }
  return best;
}

// Arguments that may be secrets: the one after each unknown flag, and any with '@'.
std::set<std::string> hidden_values(const std::vector<std::string>& args,
                                    const std::vector<std::string>& known) {
  std::set<std::string> hidden;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].find('@') != std::string::npos) hidden.insert(args[i]);
    bool unknown = is_flag(args[i]) &&
                   std::find(known.begin(), known.end(), flag_name(args[i])) == known.end();
    if (unknown && args[i].find('=') == std::string::npos && i + 1 < args.size() &&
        !is_flag(args[i + 1]))
      hidden.insert(args[i + 1]);
  }
  return hidden;
}

std::string extras_text(const CLI::App& root, const std::vector<std::string>& args,
                        const std::vector<std::string>& known) {
  std::set<std::string> hidden = hidden_values(args, known);
  std::string text;
  size_t not_shown = 0;
  for (const auto& extra : root.remaining(true)) {
    if (is_flag(extra)) {
      std::string name = flag_name(extra);
      std::string hint = nearest(name, known);
      text += fmt::format("rrt: unknown option {}{}\n", name,
                          hint.empty() ? "" : fmt::format(" (did you mean {}?)", hint));
    } else if (hidden.count(extra)) {
      ++not_shown;
    } else {
      text += fmt::format("rrt: unexpected argument {}\n", extra);
    }
  }
  if (not_shown)
    text += fmt::format("rrt: {} unexpected argument(s) not shown (may be a secret)\n", not_shown);
  return text;
}

// Any other parse error: CLI11's message with every possibly secret argument replaced.
std::string redacted_text(const CLI::ParseError& error, const std::vector<std::string>& args,
                          const std::vector<std::string>& known) {
  std::string message = error.what();
  std::set<std::string> hidden = hidden_values(args, known);
  for (const auto& arg : args) {
    auto eq = arg.find('=');
    if (is_flag(arg) && eq != std::string::npos && eq + 1 < arg.size())
      hidden.insert(arg.substr(eq + 1));
  }
  for (const auto& secret : hidden) {
    for (size_t at = message.find(secret); at != std::string::npos;
         at = message.find(secret, at + 3))
      message.replace(at, secret.size(), "***");
  }
  return fmt::format("rrt: {}\n", message);
}

}  // namespace

std::string parse_error_text(const CLI::App& root, const CLI::ParseError& error,
                             const std::vector<std::string>& args) {
  std::vector<std::string> known = known_flags(root, args);
  std::string text = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr
                         ? extras_text(root, args, known)
                         : redacted_text(error, args, known);
  return text + "Run with --help for more information.\n";
}

}  // namespace rrt

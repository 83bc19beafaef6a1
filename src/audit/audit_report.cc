#include "audit/audit_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "base/errors.h"

namespace rrt {

namespace {

constexpr Severity kSeverities[] = {Severity::kHigh, Severity::kMedium, Severity::kLow,
                                    Severity::kInfo};

nlohmann::json nodes_json(const Snapshot& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : s.nodes) {
    out.push_back({{"address", n.address()},
                   {"role", n.role_label()},
                   {"reachable", n.reachable},
                   {"version", field(n.info, "redis_version")},
                   {"error", n.error}});
  }
  return out;
}

nlohmann::json sentinels_json(const Snapshot& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : s.sentinels) {
    std::string master =
        n.master.count("ip") ? field(n.master, "ip") + ":" + field(n.master, "port") : "";
    out.push_back({{"address", n.address()},
                   {"reachable", n.reachable},
                   {"run_id", n.run_id},
                   {"master", master},
                   {"config", n.config},
                   {"error", n.error}});
  }
  return out;
}

nlohmann::json write_rates_json(const Snapshot& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : s.nodes) {
    if (!n.offset_sample) continue;
    out.push_back({{"node", n.address()},
                   {"bytes_per_second", n.offset_sample->bytes_per_second()},
                   {"interval_ms", n.offset_sample->interval / kMillis}});
  }
  return out;
}

int count(const std::vector<Finding>& findings, Severity severity) {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const Finding& f) { return f.severity == severity; }));
}

// `text` wrapped to `width` columns, every line after the first indented by `indent`.
std::string wrap(const std::string& text, size_t indent, size_t width) {
  std::istringstream words(text);
  std::string out, line, word;
  while (words >> word) {
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

// `text` with every line after the first indented by `indent`.
std::string indent_after_first(const std::string& text, size_t indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += std::string(indent, ' ');
  }
  return out;
}

// "value" as shown in text: an empty value as "" so that `save ""` reads as the setting.
std::string shown(const std::string& value) {
  return value.empty() ? "\"\"" : value;
}

std::string header(const Snapshot& s, size_t width) {
  std::string out = fmt::format("rrt audit {}\n", s.target);
  std::vector<std::string> nodes;
  std::string version;
  for (const auto& n : s.nodes) {
    nodes.push_back(n.address() + " " + (n.reachable ? n.role_label() : "(no answer)"));
    if (version.empty()) version = field(n.info, "redis_version");
  }
  out += "  data nodes  " +
         wrap(fmt::format("{}{}", fmt::join(nodes, ", "),
                          version.empty() ? "" : " (redis " + version + ")"),
              14, width) +
         "\n";
  if (!s.sentinels.empty()) {
    std::vector<std::string> sentinels;
    for (const auto& n : s.sentinels) {
      sentinels.push_back(n.address() + (n.reachable ? "" : " (no answer)"));
    }
    out += "  sentinels   " + wrap(fmt::format("{}", fmt::join(sentinels, ", ")), 14, width) + "\n";
  }
  for (const auto& n : s.nodes) {
    if (!n.offset_sample) continue;
    out += fmt::format("  write rate  {:.0f} bytes/s of replication stream on {} ({} ms sample)\n",
                       n.offset_sample->bytes_per_second(), n.address(),
                       n.offset_sample->interval / kMillis);
  }
  return out;
}

// "127.0.0.1:7000 master", or "deployment" for evidence about the whole deployment.
std::string who(const Evidence& e) {
  if (e.node.empty()) return "deployment";
  return e.node + (e.role.empty() ? "" : " " + e.role);
}

std::string finding_text(const Finding& f, int width) {
  size_t node_width = 0;
  for (const auto& e : f.evidence) {
    node_width = std::max(node_width, who(e).size());
  }
  std::string out = fmt::format("  {}  {}\n", f.id, f.title);
  std::string label = "    evidence  ";
  for (const auto& e : f.evidence) {
    out += label + fmt::format("{:<{}}  {} = {}\n", who(e), node_width, e.setting, shown(e.value));
    label = std::string(14, ' ');
  }
  out += "    happens   " + wrap(f.what_happens, 14, width) + "\n";
  out += "    see       " +
         (f.scenario.empty() ? std::string("none yet") : "rrt explain " + f.scenario) + "\n";
  out += "    fix       " + indent_after_first(f.fix, 14) + "\n";
  return out;
}

}  // namespace

nlohmann::json audit_json(const Snapshot& s, const std::vector<Finding>& findings) {
  nlohmann::json unread = nlohmann::json::array();
  for (const auto& u : s.unread) {
    unread.push_back({{"node", u.node}, {"what", u.what}, {"error", u.error}});
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : findings) list.push_back(to_json(f));
  nlohmann::json counts;
  for (Severity sev : kSeverities) counts[severity_name(sev)] = count(findings, sev);
  return {{"target", s.target},
          {"scheme", s.scheme},
          {"master_name",
           s.master_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.master_name)},
          {"nodes", nodes_json(s)},
          {"sentinels", sentinels_json(s)},
          {"write_rates", write_rates_json(s)},
          {"unread", unread},
          {"findings", list},
          {"counts", counts}};
}

std::string audit_text(const Snapshot& s, const std::vector<Finding>& findings, int width) {
  std::string out = header(s, width);
  for (Severity sev : kSeverities) {
    int n = count(findings, sev);
    if (n == 0) continue;
    std::string name = severity_name(sev);
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    out += fmt::format("\n{} ({})\n", name, n);
    for (const auto& f : findings) {
      if (f.severity == sev) out += "\n" + finding_text(f, width);
    }
  }
  out += fmt::format("\n{} high, {} medium, {} low, {} info", count(findings, Severity::kHigh),
                     count(findings, Severity::kMedium), count(findings, Severity::kLow),
                     count(findings, Severity::kInfo));
  out += count(findings, Severity::kHigh) > 0 ? " (exit 1: high-severity findings)\n" : "\n";
  return out;
}

int audit_exit_code(const std::vector<Finding>& findings) {
  return count(findings, Severity::kHigh) > 0 ? kExitAnomaly : kExitOk;
}

}  // namespace rrt

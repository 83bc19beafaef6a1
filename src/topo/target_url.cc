#include "topo/target_url.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

namespace {

constexpr char kForm[] =
    "expected redis://[user:password@]host:port, "
    "sentinel://[user:password@]host:port[,host:port...]/mastername or cluster://host:port[,...]";

// Splits "a,b,c" into endpoints; `shown` is the URL without credentials, for messages.
std::vector<Endpoint> parse_hosts(const std::string& list, const std::string& shown) {
  std::vector<Endpoint> out;
  size_t begin = 0;
  while (begin <= list.size()) {
    size_t comma = list.find(',', begin);
    std::string item = list.substr(begin, comma == std::string::npos ? comma : comma - begin);
    if (item.empty()) {
      throw UsageError(fmt::format("bad target '{}': empty host in the host list", shown));
    }
    try {
      out.push_back(parse_endpoint(item));
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("bad target '{}': {}", shown, e.what()));
    }
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return out;
}

}  // namespace

std::string TargetUrl::redacted() const {
  std::string hosts;
  for (const auto& ep : endpoints) hosts += (hosts.empty() ? "" : ",") + ep.to_string();
  return fmt::format("{}://{}{}", scheme, hosts, master_name.empty() ? "" : "/" + master_name);
}

TargetUrl parse_target_url(const std::string& text) {
  TargetUrl t;
  size_t sep = text.find("://");
  if (sep == std::string::npos) {
    throw UsageError(fmt::format("bad target: no scheme; {}", kForm));
  }
  t.scheme = text.substr(0, sep);
  if (t.scheme != "redis" && t.scheme != "sentinel" && t.scheme != "cluster") {
    throw UsageError(fmt::format("bad target: scheme '{}' is not supported; {}", t.scheme, kForm));
  }
  std::string rest = text.substr(sep + 3);
  size_t at = rest.rfind('@');
  if (at != std::string::npos) {
    std::string info = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = info.find(':');
    t.user = colon == std::string::npos ? "" : info.substr(0, colon);
    t.password = colon == std::string::npos ? info : info.substr(colon + 1);
  }
  // From here on messages show `shown`, which holds no credentials.
  std::string shown = t.scheme + "://" + rest;
  size_t slash = rest.find('/');
  std::string hosts = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (hosts.empty()) throw UsageError(fmt::format("bad target '{}': no host; {}", shown, kForm));
  t.endpoints = parse_hosts(hosts, shown);
  if (t.scheme == "sentinel") {
    if (path.empty() || path.find('/') != std::string::npos) {
      throw UsageError(fmt::format(
          "bad target '{}': expected the monitored master's name after the hosts, as in "
          "sentinel://host:26379/mymaster",
          shown));
    }
    t.master_name = path;
  } else if (!path.empty()) {
    throw UsageError(
        fmt::format("bad target '{}': unexpected '/{}' after the host; {}", shown, path, kForm));
  }
  if (t.scheme == "redis" && t.endpoints.size() != 1) {
    throw UsageError(fmt::format(
        "bad target '{}': redis:// takes one host (rrt finds the replicas itself)", shown));
  }
  return t;
}

}  // namespace rrt

#include "topo/target_url.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

namespace {

constexpr char kForm[] =
    "expected redis[s]://[user:password@]host:port, "
    "sentinel[s]://[user:password@]host:port[,host:port...]/mastername or "
    "cluster[s]://host:port[,...]";

}  // namespace

std::string TargetUrl::redacted() const {
  std::string hosts;
  for (const auto& ep : endpoints) hosts += (hosts.empty() ? "" : ",") + ep.to_string();
  return fmt::format("{}://{}{}", scheme_text(scheme, tls), hosts,
                     master_name.empty() ? "" : "/" + master_name);
}

TargetUrl parse_target_url(const std::string& text) {
  if (text.find("://") == std::string::npos) {
    throw UsageError(fmt::format("bad target: no scheme; {}", kForm));
  }
  SplitRules rules;
  rules.port_required = true;
  UrlParts p = split_url(text, rules);
  if (p.scheme == Scheme::kK8s)
    throw_bad_url(p, fmt::format("k8s:// is not a target here; {}", kForm));
  TargetUrl t;
  t.scheme = p.scheme;
  t.tls = p.tls;
  t.endpoints = p.hosts;
  t.user = p.user;
  t.password = p.password;
  if (t.scheme == Scheme::kSentinel) {
    if (p.path.empty() || p.path.find('/') != std::string::npos) {
      throw_bad_url(p,
                    "expected the monitored master's name after the hosts, as in "
                    "sentinel://host:26379/mymaster");
    }
    t.master_name = p.path;
  } else if (p.has_path) {
    throw_bad_url(p, fmt::format("unexpected '/{}' after the host; {}", p.path, kForm));
  }
  if (t.scheme == Scheme::kRedis && t.endpoints.size() != 1) {
    throw_bad_url(p, "redis:// takes one host (rrt finds the replicas itself)");
  }
  return t;
}

}  // namespace rrt

#include "k8s/k8s_target.h"

#include <fmt/format.h>

#include <vector>

#include "base/errors.h"
#include "resp/url.h"

namespace rrt {

namespace {

std::vector<std::string> split_slashes(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at; (at = s.find('/', from)) != std::string::npos; from = at + 1) {
    parts.push_back(s.substr(from, at - from));
  }
  parts.push_back(s.substr(from));
  return parts;
}

}  // namespace

K8sTarget parse_k8s_target(const std::string& url) {
  UrlParts p = split_url(url);
  const char* form = "expected k8s://[CONTEXT/]NAMESPACE/RELEASE";
  if (p.scheme != Scheme::kK8s) {
    throw UsageError(fmt::format("bad URL '{}': not a k8s:// URL; {}", p.shown, form));
  }
  if (!p.user.empty() || !p.password.empty()) {
    throw UsageError(fmt::format(
        "bad URL '{}': a k8s:// target takes no user or password (the Job reads the password "
        "from the Secret the redis pods use); {}",
        p.shown, form));
  }
  std::vector<std::string> rest = p.has_path ? split_slashes(p.path) : std::vector<std::string>{};
  K8sTarget t;
  if (rest.size() == 1) {
    t = {"", p.authority, rest[0]};
  } else if (rest.size() == 2) {
    t = {p.authority, rest[0], rest[1]};
  } else {
    throw UsageError(fmt::format("bad URL '{}': {}", p.shown, form));
  }
  if (t.ns.empty() || t.release.empty() || (rest.size() == 2 && t.context.empty())) {
    throw UsageError(fmt::format("bad URL '{}': an empty part; {}", p.shown, form));
  }
  return t;
}

std::string in_cluster_url(const K8sTarget& t) {
  return fmt::format("k8s://{}/{}", t.ns, t.release);
}

}  // namespace rrt

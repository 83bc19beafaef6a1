#include "resp/url.h"

#include <fmt/format.h>

#include <charconv>

#include "base/errors.h"

namespace rrt {

namespace {

struct Spelling {
  const char* text;
  Scheme scheme;
  bool tls;
};

constexpr Spelling kSpellings[] = {
    {"redis", Scheme::kRedis, false},       {"rediss", Scheme::kRedis, true},
    {"sentinel", Scheme::kSentinel, false}, {"sentinels", Scheme::kSentinel, true},
    {"cluster", Scheme::kCluster, false},   {"clusters", Scheme::kCluster, true},
    {"k8s", Scheme::kK8s, false},
};

int parse_int(const std::string& text, int lo, int hi, const std::string& what,
              const std::string& shown) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value < lo ||
      value > hi) {
    throw UsageError(fmt::format("bad {} '{}' in '{}': expected an integer from {} to {}", what,
                                 text, shown, lo, hi));
  }
  return value;
}

// Splits "host[:port]" (with [v6] brackets) into an endpoint; `shown` names the whole input.
Endpoint parse_host_port(const std::string& text, const std::string& shown, const SplitRules& r) {
  Endpoint ep;
  ep.port = r.default_port;
  std::string port;
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos) {
      throw UsageError(fmt::format("bad address '{}': missing ']' after IPv6 host", shown));
    }
    ep.host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') {
        throw UsageError(fmt::format("bad address '{}': expected ':' after ']'", shown));
      }
      port = text.substr(close + 2);
    }
  } else {
    size_t colon = text.rfind(':');
    ep.host = text.substr(0, colon);
    if (colon != std::string::npos) port = text.substr(colon + 1);
  }
  if (ep.host.empty()) throw UsageError(fmt::format("bad address '{}': the host is empty", shown));
  if (!port.empty()) {
    ep.port = parse_int(port, 1, 65535, "port", shown);
  } else if (r.port_required) {
    throw UsageError(fmt::format("bad address '{}': expected host:port", shown));
  }
  return ep;
}

// Splits "a,b,c" into endpoints.
std::vector<Endpoint> parse_hosts(const std::string& list, const std::string& shown,
                                  const SplitRules& r) {
  std::vector<Endpoint> out;
  for (size_t begin = 0;;) {
    size_t comma = list.find(',', begin);
    std::string item = list.substr(begin, comma == std::string::npos ? comma : comma - begin);
    if (item.empty()) {
      throw UsageError(fmt::format("bad URL '{}': empty host in the host list", shown));
    }
    out.push_back(parse_host_port(item, shown, r));
    if (comma == std::string::npos) return out;
    begin = comma + 1;
  }
}

// Sets the scheme of `p` from the text before "://"; returns what follows it.
std::string take_scheme(const std::string& text, const SplitRules& r, UrlParts* p) {
  p->scheme = r.default_scheme;
  size_t sep = text.find("://");
  if (sep == std::string::npos) return text;
  std::string name = text.substr(0, sep);
  for (const Spelling& s : kSpellings) {
    if (name == s.text) {
      p->scheme = s.scheme;
      p->tls = s.tls;
      p->scheme_given = true;
      return text.substr(sep + 3);
    }
  }
  throw UsageError(fmt::format(
      "bad URL: scheme '{}' is not supported (expected redis://, rediss://, sentinel://, "
      "sentinels://, cluster://, clusters:// or k8s://)",
      name));
}

}  // namespace

std::string Endpoint::to_string() const {
  if (host.find(':') != std::string::npos) return fmt::format("[{}]:{}", host, port);
  return fmt::format("{}:{}", host, port);
}

const char* scheme_family(Scheme scheme) {
  switch (scheme) {
    case Scheme::kRedis:
      return "redis";
    case Scheme::kSentinel:
      return "sentinel";
    case Scheme::kCluster:
      return "cluster";
    case Scheme::kK8s:
      return "k8s";
  }
  return "redis";
}

std::string scheme_text(Scheme scheme, bool tls) {
  return std::string(scheme_family(scheme)) + (tls ? "s" : "");
}

void throw_bad_url(const UrlParts& parts, const std::string& what) {
  throw UsageError(fmt::format("bad URL '{}': {}", parts.shown, what));
}

UrlParts split_url(const std::string& text, const SplitRules& rules) {
  UrlParts p;
  std::string rest = take_scheme(text, rules, &p);
  size_t at = rest.rfind('@');
  if (at != std::string::npos) {
    std::string info = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = info.find(':');
    p.user = colon == std::string::npos ? "" : info.substr(0, colon);
    // redis://password@host: a password without user, as redis-cli accepts.
    p.password = colon == std::string::npos ? info : info.substr(colon + 1);
  }
  // From here on messages show `p.shown`, which holds no credentials.
  p.shown = p.scheme_given ? scheme_text(p.scheme, p.tls) + "://" + rest : rest;
  size_t slash = rest.find('/');
  p.authority = rest.substr(0, slash);
  p.has_path = slash != std::string::npos;
  if (p.has_path) p.path = rest.substr(slash + 1);
  if (p.authority.empty()) throw_bad_url(p, "no host");
  if (p.scheme != Scheme::kK8s) p.hosts = parse_hosts(p.authority, p.shown, rules);
  return p;
}

static std::string userinfo(const RedisUrl& url, const std::string& password) {
  if (url.user.empty() && url.password.empty()) return "";
  return url.user + ":" + password + "@";
}

std::string RedisUrl::redacted() const {
  std::string db_part = db ? fmt::format("/{}", db) : "";
  return fmt::format("{}://{}{}{}", scheme_text(Scheme::kRedis, tls),
                     userinfo(*this, password.empty() ? "" : "***"), endpoint.to_string(), db_part);
}

std::string RedisUrl::to_string() const {
  std::string db_part = db ? fmt::format("/{}", db) : "";
  return fmt::format("{}://{}{}{}", scheme_text(Scheme::kRedis, tls), userinfo(*this, password),
                     endpoint.to_string(), db_part);
}

Endpoint parse_endpoint(const std::string& text) {
  SplitRules r;
  r.port_required = true;
  return parse_host_port(text, text, r);
}

RedisUrl parse_redis_url(const std::string& input) {
  UrlParts p = split_url(input);
  if (p.scheme != Scheme::kRedis) {
    throw_bad_url(p, fmt::format("expected redis:// or rediss:// here, not {}://",
                                 scheme_text(p.scheme, p.tls)));
  }
  if (p.hosts.size() != 1) throw_bad_url(p, "expected one host");
  RedisUrl url;
  url.endpoint = p.hosts.front();
  url.user = p.user;
  url.password = p.password;
  url.tls = p.tls;
  if (!p.path.empty()) url.db = parse_int(p.path, 0, 1 << 20, "database number", p.shown);
  return url;
}

}  // namespace rrt

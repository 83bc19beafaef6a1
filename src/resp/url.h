// The one URL grammar of rrt. Every URL a user gives (ping, sentinel, bench, run --target, audit,
// k8s jobs) is split by split_url; the typed parsers below build on it:
//
//   scheme://[[user]:password@]host[:port][,host[:port]...][/path]
//
//   scheme     plain       TLS           path
//   redis      redis://    rediss://     optional database number
//   sentinel   sentinel:// sentinels://  the monitored master's name
//   cluster    cluster://  clusters://   none
//   k8s        k8s://      -             namespace/release (the "hosts" are a namespace)
//
// The TLS spellings add an "s" as rediss:// (and https://, wss://) do. A URL without "://" is
// a bare host list of the caller's default scheme. Errors name the URL without its password and
// say what was expected.
#pragma once

#include <string>
#include <vector>

namespace rrt {

struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 6379;

  std::string to_string() const;  // "host:port" ([v6]:port for IPv6 literals)
  bool operator==(const Endpoint&) const = default;
};

enum class Scheme { kRedis, kSentinel, kCluster, kK8s };

// "redis", "sentinel", "cluster", "k8s": the family, whatever the transport.
const char* scheme_family(Scheme scheme);
// The spelling in a URL: "redis" / "rediss", "sentinel" / "sentinels", ...
std::string scheme_text(Scheme scheme, bool tls);

// What split_url found. `hosts` is empty for k8s:// (its authority is a namespace, kept in
// `authority`).
struct UrlParts {
  Scheme scheme = Scheme::kRedis;
  bool tls = false;
  bool scheme_given = false;  // false: a bare host list
  std::string authority;      // the text between "@" and the first "/"
  std::vector<Endpoint> hosts;
  std::string user;      // empty: the default user
  std::string password;  // empty: no AUTH. Never print it.
  bool has_path = false;
  std::string path;   // after the first "/"
  std::string shown;  // the input with user and password removed: for messages
};

struct SplitRules {
  Scheme default_scheme = Scheme::kRedis;  // for input without "://"
  bool port_required = false;              // else a host without port gets default_port
  int default_port = 6379;
};

// Splits `text` into its parts. Throws UsageError for an unknown scheme, an empty host list, an
// empty host, a bad port or a missing "]", naming the URL without its password.
UrlParts split_url(const std::string& text, const SplitRules& rules = {});

// A UsageError "bad URL '<shown>': <what>".
[[noreturn]] void throw_bad_url(const UrlParts& parts, const std::string& what);

struct RedisUrl {
  Endpoint endpoint;
  std::string user;      // empty: the default user
  std::string password;  // empty: no AUTH. Never print it: use redacted().
  int db = 0;
  bool tls = false;  // rediss://

  // The URL with the password replaced by "***", safe for logs and reports.
  std::string redacted() const;
  // The full URL, password included: only for export lines the user asked for.
  std::string to_string() const;
};

// Parses a redis:// or rediss:// URL; a bare "host:port" or "host" is accepted too. Throws
// UsageError saying which part is wrong and what was expected.
RedisUrl parse_redis_url(const std::string& text);

// Parses "host:port" (port required). Throws UsageError.
Endpoint parse_endpoint(const std::string& text);

}  // namespace rrt

// Redis addresses as `redis-cli -u` understands them: redis://[[user]:password@]host[:port][/db].
#pragma once

#include <string>

namespace rrt {

struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 6379;

  std::string to_string() const;  // "host:port" ([v6]:port for IPv6 literals)
  bool operator==(const Endpoint&) const = default;
};

struct RedisUrl {
  Endpoint endpoint;
  std::string user;      // empty: the default user
  std::string password;  // empty: no AUTH. Never print it: use redacted().
  int db = 0;

  // The URL with the password replaced by "***", safe for logs and reports.
  std::string redacted() const;
  // The full URL, password included: only for export lines the user asked for.
  std::string to_string() const;
};

// Parses a redis:// URL; a bare "host:port" or "host" is accepted too. Throws UsageError
// saying which part is wrong and what was expected.
RedisUrl parse_redis_url(const std::string& text);

// Parses "host:port" (port required). Throws UsageError.
Endpoint parse_endpoint(const std::string& text);

}  // namespace rrt

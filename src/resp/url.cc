#include "resp/url.h"

#include <charconv>

#include <fmt/format.h>

#include "base/errors.h"

namespace rrt {

std::string Endpoint::to_string() const {
  if (host.find(':') != std::string::npos) return fmt::format("[{}]:{}", host, port);
  return fmt::format("{}:{}", host, port);
}

static std::string userinfo(const RedisUrl& url, const std::string& password) {
  if (url.user.empty() && url.password.empty()) return "";
  return url.user + ":" + password + "@";
}

std::string RedisUrl::redacted() const {
  std::string db_part = db ? fmt::format("/{}", db) : "";
  return fmt::format("redis://{}{}{}", userinfo(*this, password.empty() ? "" : "***"),
                     endpoint.to_string(), db_part);
}

std::string RedisUrl::to_string() const {
  std::string db_part = db ? fmt::format("/{}", db) : "";
  return fmt::format("redis://{}{}{}", userinfo(*this, password), endpoint.to_string(), db_part);
}

static int parse_int(const std::string& text, int lo, int hi, const std::string& what,
                     const std::string& input) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value < lo ||
      value > hi) {
    throw UsageError(fmt::format("bad {} '{}' in '{}': expected an integer from {} to {}", what,
                                 text, input, lo, hi));
  }
  return value;
}

// Splits "host[:port]" (with [v6] brackets) into an endpoint; `port_required` for parse_endpoint.
static Endpoint parse_host_port(const std::string& text, const std::string& input,
                                bool port_required) {
  Endpoint ep;
  std::string port;
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos) {
      throw UsageError(fmt::format("bad address '{}': missing ']' after IPv6 host", input));
    }
    ep.host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') throw UsageError(fmt::format("bad address '{}'", input));
      port = text.substr(close + 2);
    }
  } else {
    size_t colon = text.rfind(':');
    ep.host = text.substr(0, colon);
    if (colon != std::string::npos) port = text.substr(colon + 1);
  }
  if (ep.host.empty()) throw UsageError(fmt::format("bad address '{}': the host is empty", input));
  if (port.empty()) {
    if (port_required) {
      throw UsageError(fmt::format("bad address '{}': expected host:port", input));
    }
  } else {
    ep.port = parse_int(port, 1, 65535, "port", input);
  }
  return ep;
}

Endpoint parse_endpoint(const std::string& text) { return parse_host_port(text, text, true); }

RedisUrl parse_redis_url(const std::string& input) {
  RedisUrl url;
  std::string rest = input;
  size_t scheme_end = rest.find("://");
  if (scheme_end != std::string::npos) {
    std::string scheme = rest.substr(0, scheme_end);
    if (scheme != "redis") {
      throw UsageError(
          fmt::format("bad URL: scheme '{}' is not supported (expected redis://)", scheme));
    }
    rest = rest.substr(scheme_end + 3);
  }
  size_t at = rest.rfind('@');
  if (at != std::string::npos) {
    std::string info = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = info.find(':');
    if (colon == std::string::npos) {
      url.password = info;  // redis://password@host, as redis-cli accepts
    } else {
      url.user = info.substr(0, colon);
      url.password = info.substr(colon + 1);
    }
  }
  // From here on error messages must not contain the password: `rest` no longer holds it.
  size_t slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  if (slash != std::string::npos && slash + 1 < rest.size()) {
    url.db = parse_int(rest.substr(slash + 1), 0, 1 << 20, "database number", rest);
  }
  if (hostport.empty()) throw UsageError(fmt::format("bad URL: no host in '{}'", rest));
  url.endpoint = parse_host_port(hostport, rest, false);
  return url;
}

}  // namespace rrt

#include "cluster/redirect.h"

#include <charconv>

namespace rrt {

static bool to_int(std::string_view text, int* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::optional<Redirect> parse_redirect(std::string_view error, const Endpoint& answered_by) {
  Redirect r;
  if (error.starts_with("MOVED ")) {
    r.moved = true;
    error.remove_prefix(6);
  } else if (error.starts_with("ASK ")) {
    error.remove_prefix(4);
  } else {
    return std::nullopt;
  }
  size_t space = error.find(' ');
  if (space == std::string_view::npos || !to_int(error.substr(0, space), &r.slot))
    return std::nullopt;
  std::string_view address = error.substr(space + 1);
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || !to_int(address.substr(colon + 1), &r.target.port)) {
    return std::nullopt;
  }
  r.target.host = colon == 0 ? answered_by.host : std::string(address.substr(0, colon));
  return r;
}

}  // namespace rrt

// Where the password for an external target comes from, first match wins:
//   --password, --password-file (its first line), $RRT_PASSWORD, the URL's user:password@.
// The password is never printed: messages name its source, never its value.
#pragma once

#include <string>

namespace rrt {

struct PasswordSources {
  std::string flag;      // --password
  std::string file;      // --password-file path
  std::string env;       // the value of $RRT_PASSWORD (empty if unset)
  std::string from_url;  // user:password@ of the target URL
};

// Throws UsageError naming the file (never its content) when it cannot be read or is empty.
std::string resolve_password(const PasswordSources& sources);

}  // namespace rrt

// The flags of `rrt run` that point it at an existing deployment (docs/external-targets.md):
// --target, --user, --password, --password-file, --allow-faults, --max-rate; the password may
// also come from $RRT_PASSWORD or the URL. Never printed.
#pragma once

#include <CLI/CLI.hpp>

#include "system/external_options.h"

namespace rrt {

struct TargetFlags {
  std::string url, user, password, password_file;
  bool allow_faults = false;
  double max_rate = 200;
};

void add_target_flags(CLI::App* command, TargetFlags& flags);

// The options for the runner: the password resolved from flag, file, environment or URL.
// Throws UsageError (never naming the password) for a bad URL or an unreadable file.
ExternalOptions external_options(const TargetFlags& flags);

}  // namespace rrt

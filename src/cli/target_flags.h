// The flags of `rrt run` that point it at an existing deployment (docs/external-targets.md):
// --target, --user, --password, --password-file, --allow-faults, --max-rate and the TLS flags
// (cli/tls_flags.h); the password may also come from $RRT_PASSWORD or the URL. Never printed.
// Without --target, --tls runs the scenario's lab with TLS (its own CA).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/tls_flags.h"
#include "system/external_options.h"

namespace rrt {

struct TargetFlags {
  std::string url, user, password, password_file;
  bool allow_faults = false;
  double max_rate = 200;
  TlsOptions tls;
};

void add_target_flags(CLI::App* command, TargetFlags& flags);

// The options for the runner: the password resolved from flag, file, environment or URL.
// Throws UsageError (never naming the password) for a bad URL or an unreadable file.
ExternalOptions external_options(const TargetFlags& flags);

// Without --target: whether the lab should run with TLS (--tls). Throws UsageError for TLS
// flags that only make sense with --target (--cacert, --cert, ...).
bool lab_tls(const TargetFlags& flags);

}  // namespace rrt

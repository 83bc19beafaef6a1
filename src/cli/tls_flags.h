// The TLS flags of every command that connects to Redis (ping, sentinel, bench, run --target,
// audit), named as redis-cli names them: --tls, --cacert, --cacertdir, --cert, --key,
// --insecure, --sni. A rediss:// (sentinels://, clusters://) URL turns TLS on as --tls does.
#pragma once

#include <CLI/CLI.hpp>

#include "resp/tls.h"

namespace rrt {

void add_tls_flags(CLI::App* command, TlsOptions* options);

// Whether the user gave any TLS flag (then they, not a lab's record, say how to connect).
bool tls_flags_given(const TlsOptions& options);

}  // namespace rrt

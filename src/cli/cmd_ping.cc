// `rrt ping URL`: is this Redis reachable, which version, which role and mode.
#include <fmt/format.h>

#include "base/errors.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/tls_flags.h"
#include "resp/sync_client.h"

namespace rrt {

static nlohmann::json ping(const RedisUrl& url, const TlsOptions& tls, Nanos timeout) {
  SyncClient client;
  ConnectOptions options = ConnectOptions::from_url(url, timeout, tls_if_enabled(tls, url.tls));
  Nanos start = mono_ns();
  client.must_connect(url.endpoint, options);
  Reply pong = client.must_call({"PING"}, timeout);
  Nanos rtt = mono_ns() - start;
  std::string info = std::string(client.must_call({"INFO", "server"}, timeout).str());
  std::string replication = std::string(client.must_call({"INFO", "replication"}, timeout).str());
  std::string mode = info_field(info, "redis_mode");
  std::string role = mode == "sentinel" ? "sentinel" : info_field(replication, "role");
  return {{"address", url.redacted()},
          {"reply", std::string(pong.str())},
          {"rtt_ms", static_cast<double>(rtt) / kMillis},
          {"version", info_field(info, "redis_version")},
          {"mode", mode},
          {"role", role}};
}

void add_ping_command(CLI::App& root, CliContext& ctx) {
  auto* cmd = root.add_subcommand("ping", "Check that a Redis server or sentinel answers");
  auto url = std::make_shared<std::string>();
  auto timeout_ms = std::make_shared<int>(2000);
  auto out = std::make_shared<OutputOptions>();
  auto tls = std::make_shared<TlsOptions>();
  cmd->add_option("url", *url, "redis[s]://[user:password@]host:port")->required();
  add_tls_flags(cmd, tls.get());
  cmd->add_option("--timeout-ms", *timeout_ms, "Deadline for each request");
  add_output_flags(cmd, out.get());
  cmd->callback([=, &ctx] {
    nlohmann::json result = ping(parse_redis_url(*url), *tls, *timeout_ms * kMillis);
    print_object(
        result, *out,
        fmt::format("{} answered {} in {:.2f} ms: redis {} {} ({})",
                    result["address"].get<std::string>(), result["reply"].get<std::string>(),
                    result["rtt_ms"].get<double>(), result["version"].get<std::string>(),
                    result["role"].get<std::string>(), result["mode"].get<std::string>()));
    ctx.exit_code = kExitOk;
  });
}

}  // namespace rrt

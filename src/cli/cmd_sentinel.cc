// `rrt sentinel status|master|replicas|sentinels|watch|wait|failover|kill`: the Sentinel API in
// a form people can read, plus waiting for and provoking failovers.
#include <fmt/format.h>
#include <signal.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "base/errors.h"
#include "base/interrupt.h"
#include "base/process.h"
#include "cli/command.h"
#include "cli/output.h"
#include "lab/lab_registry.h"
#include "observe/sentinel_events.h"
#include "resp/sync_client.h"
#include "topo/discovery.h"
#include "topo/switch_master.h"

namespace rrt {

struct SentinelFlags {
  std::string url;     // --sentinel / RRT_SENTINEL_URL
  std::string master;  // --master / RRT_SENTINEL_MASTER
  std::string lab = "default";
  Nanos timeout = 2 * kSeconds;
  OutputOptions out;
};

struct SentinelTarget {
  std::vector<RedisUrl> sentinels;
  std::string master;
};

// Sentinels from --sentinel (a redis:// URL, a comma-separated list, or
// sentinel://host:port[,host:port]/name), else from the lab.
static SentinelTarget resolve_target(const SentinelFlags& f) {
  SentinelTarget t;
  t.master = f.master.empty() ? "mymaster" : f.master;
  std::string list = f.url;
  if (list.rfind("sentinel://", 0) == 0) {
    list = list.substr(11);
    size_t slash = list.find('/');
    if (slash != std::string::npos) {
      if (f.master.empty() && slash + 1 < list.size()) t.master = list.substr(slash + 1);
      list = list.substr(0, slash);
    }
  }
  for (size_t pos = 0; !list.empty() && pos <= list.size();) {
    size_t comma = std::min(list.find(',', pos), list.size());
    t.sentinels.push_back(parse_redis_url(list.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  if (!t.sentinels.empty()) return t;
  nlohmann::json lab = read_lab_record(f.lab);
  for (const Endpoint& sentinel : lab_endpoints(lab, "sentinel")) {
    RedisUrl url;
    url.endpoint = sentinel;
    t.sentinels.push_back(url);
  }
  if (f.master.empty() && lab.is_object()) t.master = lab["spec"].value("master_name", t.master);
  if (t.sentinels.empty()) {
    throw UsageError(fmt::format(
        "no sentinel to ask: pass --sentinel redis://host:port (or set RRT_SENTINEL_URL), or "
        "start a lab with `rrt lab up sentinel` (no Sentinel lab named '{}' is up)",
        f.lab));
  }
  return t;
}

// A connection to the first sentinel that answers.
static std::unique_ptr<SyncClient> connect_any(const SentinelTarget& t, Nanos timeout) {
  std::string errors;
  for (const auto& url : t.sentinels) {
    auto c = std::make_unique<SyncClient>();
    CallResult r = c->connect(url.endpoint, ConnectOptions::from_url(url, timeout));
    if (r.ok()) return c;
    errors += "\n  " + r.detail;
  }
  throw EnvironmentError("no sentinel answered:" + errors);
}

// A flat [k1, v1, k2, v2] reply as a JSON object, numbers kept as numbers where they look it.
static nlohmann::json pairs_to_json(const Reply& reply) {
  nlohmann::json obj = nlohmann::json::object();
  for (size_t i = 0; i + 1 < reply.size(); i += 2) {
    std::string value(reply.at(i + 1).str());
    bool numeric = !value.empty() && value.find_first_not_of("-0123456789") == std::string::npos &&
                   value.size() < 18;
    obj[std::string(reply.at(i).str())] =
        numeric ? nlohmann::json(std::stoll(value)) : nlohmann::json(value);
  }
  return obj;
}

static Reply sentinel_call(const SentinelFlags& f, const Args& args) {
  SentinelTarget t = resolve_target(f);
  auto client = connect_any(t, f.timeout);
  CallResult r = client->call(args, f.timeout);
  if (r.ok()) return std::move(r.reply);
  if (r.detail.find("No such master") != std::string::npos) {
    master_from_sentinels({client->endpoint()}, t.master);  // throws, listing the known names
  }
  throw EnvironmentError(fmt::format("{} on {}: {}", describe_command(args),
                                     client->endpoint().to_string(), r.detail));
}

static Endpoint current_master(const SentinelFlags& f) {
  SentinelTarget t = resolve_target(f);
  std::vector<Endpoint> eps;
  for (const auto& u : t.sentinels) eps.push_back(u.endpoint);
  ConnectOptions o = ConnectOptions::from_url(t.sentinels.front(), f.timeout);
  return master_from_sentinels(eps, t.master, o);
}

static void add_common_flags(CLI::App* cmd, SentinelFlags* f) {
  cmd->add_option("--sentinel", f->url,
                  "Sentinel URL(s): redis://host:port[,...] or sentinel://h:p[,h:p]/name")
      ->envname("RRT_SENTINEL_URL");
  cmd->add_option("--master", f->master, "Master name (default mymaster)")
      ->envname("RRT_SENTINEL_MASTER");
  cmd->add_option("--lab", f->lab, "Lab to use when no --sentinel is given");
  add_output_flags(cmd, &f->out);
}

static const std::vector<std::string> kReplicaColumns = {
    "name", "ip", "port", "flags", "master-link-status", "slave-repl-offset"};
static const std::vector<std::string> kReplicaWide = {
    "role-reported", "replica-priority", "master-link-down-time", "last-ok-ping-reply"};

static nlohmann::json rows_of(const Reply& reply) {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < reply.size(); ++i) rows.push_back(pairs_to_json(reply.at(i)));
  return rows;
}

static void add_queries(CLI::App* sentinel, CliContext& ctx) {
  auto f = std::make_shared<SentinelFlags>();
  auto* status = sentinel->add_subcommand("status", "Print the current master's address");
  add_common_flags(status, f.get());
  status->callback([f, &ctx] {
    Endpoint m = current_master(*f);
    print_object({{"master", m.to_string()}, {"host", m.host}, {"port", m.port}}, f->out,
                 m.to_string());
    ctx.exit_code = kExitOk;
  });

  auto fm = std::make_shared<SentinelFlags>();
  auto* master = sentinel->add_subcommand("master", "Show the master as Sentinel sees it");
  add_common_flags(master, fm.get());
  master->callback([fm, &ctx] {
    nlohmann::json m =
        pairs_to_json(sentinel_call(*fm, {"SENTINEL", "MASTER", resolve_target(*fm).master}));
    std::string text;
    static const char* kBrief[] = {"name",
                                   "ip",
                                   "port",
                                   "flags",
                                   "num-slaves",
                                   "num-other-sentinels",
                                   "quorum",
                                   "down-after-milliseconds",
                                   "failover-timeout",
                                   "config-epoch"};
    if (fm->out.format == "wide") {
      for (auto& [k, v] : m.items()) text += fmt::format("{:<24} {}\n", k, cell_text(v));
    } else {
      for (const char* k : kBrief)
        text += fmt::format("{:<24} {}\n", k, cell_text(m.value(k, nlohmann::json())));
    }
    if (!text.empty()) text.pop_back();
    print_object(m, fm->out, text);
    ctx.exit_code = kExitOk;
  });

  auto fr = std::make_shared<SentinelFlags>();
  auto* replicas = sentinel->add_subcommand("replicas", "List the master's replicas");
  add_common_flags(replicas, fr.get());
  replicas->callback([fr, &ctx] {
    Reply r = sentinel_call(*fr, {"SENTINEL", "REPLICAS", resolve_target(*fr).master});
    print_table(rows_of(r), fr->out, kReplicaColumns, kReplicaWide);
    ctx.exit_code = kExitOk;
  });

  auto fs = std::make_shared<SentinelFlags>();
  auto* sentinels = sentinel->add_subcommand("sentinels", "List the other sentinels of the master");
  add_common_flags(sentinels, fs.get());
  sentinels->callback([fs, &ctx] {
    Reply r = sentinel_call(*fs, {"SENTINEL", "SENTINELS", resolve_target(*fs).master});
    print_table(rows_of(r), fs->out, {"name", "ip", "port", "flags"},
                {"runid", "last-ok-ping-reply", "voted-leader", "voted-leader-epoch"});
    ctx.exit_code = kExitOk;
  });
}

// Streams events from every sentinel of the target until `done` returns true for a message,
// Ctrl-C, or `timeout` (0: none). Returns true if `done` ended it.
static bool stream_events(const SentinelFlags& f, const std::string& pattern, Nanos timeout,
                          const std::function<bool(const SentinelMessage&)>& done) {
  SentinelTarget t = resolve_target(f);
  // The watchers below retry quietly forever; an address nobody answers at is an error at once.
  connect_any(t, f.timeout);
  InterruptGuard interrupts(Interrupts::kCtrlC);  // Ctrl-C ends the stream, not the process
  asio::io_context io;
  std::atomic<bool> stop{false};
  bool finished = false;
  for (const auto& url : t.sentinels) {
    asio::co_spawn(io,
                   watch_sentinel(
                       url.endpoint, ConnectOptions::from_url(url, f.timeout), pattern,
                       [&](const SentinelMessage& m) {
                         if (!stop && done(m)) finished = stop = true;
                       },
                       stop),
                   asio::detached);
  }
  asio::steady_timer limit(io);
  if (timeout > 0) {
    limit.expires_after(std::chrono::nanoseconds(timeout));
    limit.async_wait([&](std::error_code ec) {
      if (!ec) stop = true;
    });
  }
  // Watchers notice `stop` within their poll interval; then the loop runs out of work.
  asio::steady_timer reaper(io);
  std::function<void()> check = [&] {
    if (interrupts.poll() != 0) stop = true;
    if (stop) {
      limit.cancel();
      return;
    }
    reaper.expires_after(std::chrono::milliseconds(50));
    reaper.async_wait([&](std::error_code) { check(); });
  };
  check();
  io.run();
  return finished;
}

static void print_event(const SentinelMessage& m, const OutputOptions& out) {
  if (out.format == "json") {
    fmt::print("{}\n", nlohmann::json{{"time", format_wall_time(m.wall)},
                                      {"sentinel", m.sentinel.to_string()},
                                      {"event", m.channel},
                                      {"message", m.payload}}
                           .dump());
  } else {
    fmt::print("{} {} {} {}\n", format_wall_time(m.wall), m.sentinel.to_string(), m.channel,
               m.payload);
  }
  std::fflush(stdout);
}

static void add_streams(CLI::App* sentinel, CliContext& ctx) {
  auto f = std::make_shared<SentinelFlags>();
  auto pattern = std::make_shared<std::string>("*");
  auto seconds = std::make_shared<double>(0);
  auto count = std::make_shared<int64_t>(0);
  auto* watch = sentinel->add_subcommand(
      "watch", "Print Sentinel events as they happen, until Ctrl-C, --for or --count");
  add_common_flags(watch, f.get());
  watch->add_option("pattern", *pattern, "Event pattern, e.g. '+*' or '*switch*' (default *)");
  watch->add_option("--for,--timeout", *seconds, "Stop after this many seconds (default: never)")
      ->check(CLI::NonNegativeNumber);
  watch->add_option("--count", *count, "Stop after printing this many events (default: no limit)")
      ->check(CLI::NonNegativeNumber);
  watch->callback([=, &ctx] {
    int64_t printed = 0;
    stream_events(*f, *pattern, static_cast<Nanos>(*seconds * kSeconds),
                  [&](const SentinelMessage& m) {
                    print_event(m, f->out);
                    return *count > 0 && ++printed >= *count;
                  });
    ctx.exit_code = kExitOk;
  });

  auto fw = std::make_shared<SentinelFlags>();
  auto wait_s = std::make_shared<double>(60);
  auto* wait = sentinel->add_subcommand("wait", "Block until a failover switches the master");
  add_common_flags(wait, fw.get());
  wait->add_option("--timeout", *wait_s, "Give up after this many seconds (default 60)");
  wait->callback([=, &ctx] {
    std::string old_master, new_master;
    bool switched = stream_events(*fw, "+switch-master", static_cast<Nanos>(*wait_s * kSeconds),
                                  [&](const SentinelMessage& m) {
                                    auto s = parse_switch_master(m.payload);
                                    if (!s) return false;
                                    old_master = s->old_master.to_string();
                                    new_master = s->new_master.to_string();
                                    return true;
                                  });
    if (!switched) {
      throw EnvironmentError(fmt::format("no +switch-master within {} s", *wait_s));
    }
    print_object({{"master", new_master}, {"previous", old_master}}, fw->out,
                 fmt::format("new master {} (was {})", new_master, old_master));
    ctx.exit_code = kExitOk;
  });
}

// True if `address` is a node of a lab rrt started (in $RRT_HOME) whose owner still runs.
static bool is_lab_node(const Endpoint& address) {
  std::string host = address.host == "localhost" ? "127.0.0.1" : address.host;
  for (const auto& lab : registered_labs()) {
    if (!lab_owner_alive(lab)) continue;
    for (const auto& node : lab.value("nodes", nlohmann::json::array())) {
      if (node.value("host", "") == host && node.value("port", 0) == address.port) return true;
    }
  }
  return false;
}

// A failover is a fault: on sentinels that are not all nodes of an rrt lab (a deployment rrt did
// not start) it needs the same consent as a scenario's faults. Throws UsageError naming them.
static void require_consent(const SentinelTarget& t, bool allow_faults) {
  if (allow_faults) return;
  for (const auto& url : t.sentinels) {
    if (is_lab_node(url.endpoint)) continue;
    throw UsageError(fmt::format(
        "sentinel {} is not a node of a lab rrt started (rrt lab status): forcing a failover "
        "on a deployment rrt did not start needs --allow-faults",
        url.endpoint.to_string()));
  }
}

static void add_failover(CLI::App* sentinel, CliContext& ctx) {
  auto f = std::make_shared<SentinelFlags>();
  auto allow_faults = std::make_shared<bool>(false);
  auto* failover = sentinel->add_subcommand("failover", "Force a failover (SENTINEL FAILOVER)");
  add_common_flags(failover, f.get());
  failover->add_flag("--allow-faults", *allow_faults,
                     "Consent to a failover on sentinels that are not nodes of an rrt lab");
  failover->callback([f, allow_faults, &ctx] {
    require_consent(resolve_target(*f), *allow_faults);
    Endpoint before = current_master(*f);
    sentinel_call(*f, {"SENTINEL", "FAILOVER", resolve_target(*f).master});
    print_object({{"result", "OK"}, {"previous", before.to_string()}}, f->out,
                 fmt::format("failover started (master was {}); `rrt sentinel wait` waits for it",
                             before.to_string()));
    ctx.exit_code = kExitOk;
  });
}

// The lab node (its lab.json entry) at `address`; throws UsageError if `address` is not a node of
// lab `name`: `rrt sentinel kill` only kills processes rrt started.
static nlohmann::json lab_node_at(const std::string& name, const Endpoint& address) {
  nlohmann::json lab = read_lab_record(name);
  if (!lab.is_object()) {
    throw UsageError(
        fmt::format("rrt sentinel kill only kills nodes of an rrt lab, and no lab "
                    "named '{}' is up (`rrt lab up sentinel`, or pass --lab)",
                    name));
  }
  for (const auto& node : lab["nodes"]) {
    if (node.value("host", "") == address.host && node.value("port", 0) == address.port)
      return node;
  }
  throw UsageError(
      fmt::format("the master {} is not a node of lab '{}': rrt sentinel kill only "
                  "kills processes rrt started",
                  address.to_string(), name));
}

// `rrt sentinel kill`: kill -9 the current master of a lab and print the sentinels' events until
// one of them announces a new master (+switch-master) or --timeout passes. Nothing restarts the
// node meanwhile, so it stays dead until then (and after: `rrt lab down` cleans up).
static void add_kill(CLI::App* sentinel, CliContext& ctx) {
  auto f = std::make_shared<SentinelFlags>();
  auto wait_s = std::make_shared<double>(30);
  auto* kill_cmd =
      sentinel->add_subcommand("kill", "Kill -9 the lab's master and follow the failover");
  add_common_flags(kill_cmd, f.get());
  kill_cmd->add_option("--timeout", *wait_s,
                       "Give up waiting for a new master after this many seconds (default 30)");
  kill_cmd->callback([=, &ctx] {
    Endpoint master = current_master(*f);
    nlohmann::json node = lab_node_at(f->lab, master);
    int pid = node.value("pid", 0);
    if (pid <= 0 || !process_alive(pid, node.value("start_time", 0LL)) ||
        process_cmdline(pid).find("redis-server") == std::string::npos) {
      throw EnvironmentError(
          fmt::format("{} ({}) is not running", node.value("name", ""), master.to_string()));
    }
    Nanos killed_at = mono_ns();
    ::kill(pid, SIGKILL);
    fmt::print("{} killed {} ({}, pid {}): the sentinels' events follow\n",
               format_wall_time(wall_ns()), node.value("name", ""), master.to_string(), pid);
    std::fflush(stdout);
    // A sentinel needs down-after-milliseconds (>= 100 ms) before its first event: subscribing
    // just after the kill misses nothing.
    std::string new_master;
    bool switched = stream_events(*f, "*", static_cast<Nanos>(*wait_s * kSeconds),
                                  [&](const SentinelMessage& m) {
                                    print_event(m, f->out);
                                    if (m.channel != "+switch-master") return false;
                                    auto s = parse_switch_master(m.payload);
                                    if (!s) return false;
                                    new_master = s->new_master.to_string();
                                    return true;
                                  });
    if (!switched) {
      throw EnvironmentError(
          fmt::format("no new master within {} s; {} stays down", *wait_s, node.value("name", "")));
    }
    fmt::print("new master {} after {} ms; {} stays down (`rrt lab down` removes the lab)\n",
               new_master, (mono_ns() - killed_at) / kMillis, node.value("name", ""));
    ctx.exit_code = kExitOk;
  });
}

void add_sentinel_command(CLI::App& root, CliContext& ctx) {
  auto* sentinel =
      root.add_subcommand("sentinel", "Ask Redis Sentinel, follow and provoke failovers");
  sentinel->require_subcommand(1);
  add_queries(sentinel, ctx);
  add_streams(sentinel, ctx);
  add_failover(sentinel, ctx);
  add_kill(sentinel, ctx);
}

}  // namespace rrt

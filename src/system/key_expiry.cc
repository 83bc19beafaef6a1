#include "system/key_expiry.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/errors.h"
#include "resp/sync_client.h"
#include "system/run_prefix.h"

namespace rrt {

Nanos run_key_ttl(Nanos duration) {
  return std::max<Nanos>(duration + 5 * 60 * kSeconds, 10 * 60 * kSeconds);
}

static Reply must(SyncClient& c, const Args& args, Nanos timeout) {
  CallResult r = c.call(args, timeout);
  if (!r.ok()) {
    throw EnvironmentError(
        fmt::format("{} on {}: {}", args.front(), c.endpoint().to_string(), r.detail));
  }
  return std::move(r.reply);
}

long long expire_run_keys(const Endpoint& master, const ConnectOptions& o,
                          const std::string& prefix, const KeyExpiryOptions& options) {
  if (!is_run_prefix(prefix)) {
    throw UsageError(
        fmt::format("refusing to touch keys under '{}': not an rrt run prefix", prefix));
  }
  SyncClient c;
  CallResult r = c.connect(master, o);
  if (!r.ok()) throw EnvironmentError(fmt::format("{}: {}", master.to_string(), r.detail));
  std::string ttl_ms = std::to_string(options.ttl / kMillis);
  long long expiring = 0;
  std::string cursor = "0";
  for (int scans = 0; scans < options.max_scans; ++scans) {
    Reply page = must(c, {"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"}, o.timeout);
    if (page.size() != 2) throw EnvironmentError("SCAN on " + master.to_string() + ": bad reply");
    cursor = std::string(page.at(0).str());
    Reply keys = page.at(1);
    for (size_t i = 0; i < keys.size(); ++i) {
      expiring += must(c, {"PEXPIRE", std::string(keys.at(i).str()), ttl_ms}, o.timeout).integer();
    }
    if (cursor == "0") break;
  }
  return expiring;
}

KeyExpirySweeper::KeyExpirySweeper(std::function<Endpoint()> master, ConnectOptions connect,
                                   std::string prefix, KeyExpiryOptions options)
    : master_(std::move(master)),
      connect_(std::move(connect)),
      prefix_(std::move(prefix)),
      options_(options),
      thread_([this] { loop(); }) {}

KeyExpirySweeper::~KeyExpirySweeper() {
  stop();
}

void KeyExpirySweeper::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void KeyExpirySweeper::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    std::string error;
    long long keys = 0;
    try {
      keys = expire_run_keys(master_(), connect_, prefix_, options_);
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    ++sweeps_;
    if (error.empty()) {
      keys_ = keys;
    } else {
      ++failed_;
      last_error_ = error;
    }
    wake_.wait_for(lock, std::chrono::nanoseconds(options_.period), [this] { return stopping_; });
  }
}

nlohmann::json KeyExpirySweeper::summary() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json j = {{"ttl_s", options_.ttl / kSeconds},
                      {"sweeps", sweeps_},
                      {"failed", failed_},
                      {"keys_expiring", keys_}};
  if (!last_error_.empty()) j["last_error"] = last_error_;
  return j;
}

}  // namespace rrt

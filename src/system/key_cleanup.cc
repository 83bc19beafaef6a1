#include "system/key_cleanup.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "resp/sync_client.h"
#include "system/run_prefix.h"

namespace rrt {

static Args scan_command(const std::string& cursor, const std::string& prefix) {
  return {"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"};
}

CleanupResult remove_run_keys(const Endpoint& master, const ConnectOptions& o,
                              const std::string& prefix, const CleanupLimits& limits) {
  if (!is_run_prefix(prefix)) {
    throw UsageError(
        fmt::format("refusing to remove keys under '{}': not an rrt run prefix", prefix));
  }
  CleanupResult out;
  Nanos end = mono_ns() + limits.deadline;
  SyncClient c;
  CallResult r = c.connect(master, o);
  std::string cursor = "0";
  while (r.ok() && out.scans < limits.max_scans && mono_ns() < end) {
    r = c.call(scan_command(cursor, prefix), o.timeout);
    ++out.scans;
    if (!r.ok() || r.reply.size() != 2) break;
    cursor = std::string(r.reply.at(0).str());
    Reply keys = r.reply.at(1);
    if (keys.size() > 0) {
      Args unlink = {"UNLINK"};
      for (size_t i = 0; i < keys.size(); ++i) unlink.push_back(std::string(keys.at(i).str()));
      r = c.call(unlink, o.timeout);
      if (r.ok()) out.removed += r.reply.integer();
    }
    if (cursor == "0") {
      out.complete = r.ok();
      break;
    }
  }
  if (!r.ok()) out.error = fmt::format("{}: {}", master.to_string(), r.detail);
  if (!out.complete && out.error.empty()) {
    out.error = fmt::format("stopped after {} SCAN calls (limit {} calls, {} s)", out.scans,
                            limits.max_scans, limits.deadline / kSeconds);
  }
  return out;
}

nlohmann::json to_json(const CleanupResult& r) {
  nlohmann::json j = {{"removed", r.removed}, {"scans", r.scans}, {"complete", r.complete}};
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

}  // namespace rrt

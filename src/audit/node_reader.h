// One node as the audit reads it: read-only requests, each with the connection's deadline;
// a request that fails is recorded as Unread (what and why) instead of ending the audit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/snapshot.h"
#include "resp/connection.h"
#include "resp/sync_client.h"

namespace rrt {

class NodeReader {
 public:
  // `unread` must outlive the reader.
  NodeReader(Endpoint endpoint, ConnectOptions options, std::vector<Unread>* unread);

  // Connects (AUTH with the options' credentials) and sends PING: a node is reachable when it
  // answers. A node that has no password at all refuses
  // AUTH ("called without any password configured"): then connects without credentials, as
  // sentinels without requirepass next to password-protected data nodes need. Returns "" or
  // the error.
  std::string connect();

  // The reply to `args`, or nullopt after recording (what, error) as Unread. Reconnects once
  // if an earlier request lost the connection. Error replies count as failures.
  std::optional<Reply> ask(const Args& args, const std::string& what);

  // Whether this node answers PING on a fresh connection that sends no AUTH; nullopt when
  // that connection could not be made or the answer was neither PONG nor NOAUTH.
  std::optional<bool> open_without_auth();

  const std::string& address() const { return address_; }

 private:
  Endpoint endpoint_;
  std::string address_;
  ConnectOptions options_;
  std::vector<Unread>* unread_;
  SyncClient client_;
};

// The alternating name/value array of a SENTINEL MASTER / REPLICAS entry as Fields.
Fields fields_of_pairs(const Reply& pairs);

// INFO text as Fields (sections merged, "# Section" lines skipped).
Fields fields_of_info(std::string_view info);

}  // namespace rrt

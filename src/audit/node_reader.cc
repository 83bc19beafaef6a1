#include "audit/node_reader.h"

namespace rrt {

NodeReader::NodeReader(Endpoint endpoint, ConnectOptions options, std::vector<Unread>* unread)
    : endpoint_(std::move(endpoint)),
      address_(endpoint_.to_string()),
      options_(std::move(options)),
      unread_(unread) {}

std::string NodeReader::connect() {
  CallResult r = client_.connect(endpoint_, options_);
  if (!r.ok() && r.error == "auth" &&
      r.detail.find("without any password configured") != std::string::npos) {
    options_.user.clear();
    options_.password.clear();
    r = client_.connect(endpoint_, options_);
  }
  // A stopped process still completes the TCP handshake: reachable means it answers.
  if (r.ok()) r = client_.call({"PING"}, options_.timeout);
  return r.ok() ? "" : (r.detail.empty() ? r.error : r.detail);
}

std::optional<Reply> NodeReader::ask(const Args& args, const std::string& what) {
  std::string error;
  if (!client_.is_open()) error = connect();
  if (error.empty()) {
    CallResult r = client_.call(args, options_.timeout);
    if (r.ok()) return std::move(r.reply);
    error = r.detail.empty() ? r.error : r.detail;
  }
  unread_->push_back({address_, what, error});
  return std::nullopt;
}

std::optional<bool> NodeReader::open_without_auth() {
  ConnectOptions bare;
  bare.timeout = options_.timeout;
  bare.open_socket = options_.open_socket;
  bare.tls = options_.tls;
  SyncClient probe;
  if (!probe.connect(endpoint_, bare).ok()) return std::nullopt;
  CallResult r = probe.call({"PING"}, options_.timeout);
  if (r.ok()) return true;
  if (r.error == "NOAUTH") return false;
  return std::nullopt;
}

Fields fields_of_pairs(const Reply& pairs) {
  Fields out;
  for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
    out[std::string(pairs.at(i).str())] = std::string(pairs.at(i + 1).str());
  }
  return out;
}

Fields fields_of_info(std::string_view info) {
  Fields out;
  for (auto& [key, value] : parse_info(info)) out[key] = value;
  return out;
}

}  // namespace rrt

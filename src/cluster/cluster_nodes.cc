#include "cluster/cluster_nodes.h"

#include <fmt/format.h>

#include <sstream>
#include <stdexcept>

namespace rrt {

bool ClusterNodeView::has_flag(std::string_view flag) const {
  std::string_view rest = flags;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    if (rest.substr(0, comma) == flag) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

std::string ClusterNodeView::failure() const {
  if (has_flag("fail")) return "fail";
  if (has_flag("fail?")) return "pfail";
  return "";
}

std::string ClusterNodeView::slot_text() const {
  std::string out;
  for (const auto& s : slots) out += (out.empty() ? "" : " ") + s;
  return out;
}

// "127.0.0.1:7000@17000,hostname" -> 127.0.0.1:7000; ":0@0" (address unknown) -> port 0.
static Endpoint address_endpoint(const std::string& field) {
  std::string addr = field.substr(0, field.find_first_of("@,"));
  size_t colon = addr.rfind(':');
  Endpoint ep;
  if (colon == std::string::npos) return ep;
  ep.host = addr.substr(0, colon);
  try {
    ep.port = std::stoi(addr.substr(colon + 1));
  } catch (const std::exception&) {
    ep.port = 0;
  }
  return ep;
}

static ClusterNodeView parse_line(const std::string& line, int number) {
  std::istringstream in(line);
  std::vector<std::string> f;
  for (std::string w; in >> w;) f.push_back(w);
  if (f.size() < 8) {
    throw std::invalid_argument(
        fmt::format("CLUSTER NODES line {}: expected at least 8 fields, got '{}'", number, line));
  }
  ClusterNodeView v;
  v.id = f[0];
  v.endpoint = address_endpoint(f[1]);
  v.flags = f[2];
  v.master_id = f[3];
  try {
    v.config_epoch = std::stoll(f[6]);
  } catch (const std::exception&) {
    throw std::invalid_argument(
        fmt::format("CLUSTER NODES line {}: config epoch '{}' is not a number", number, f[6]));
  }
  v.link = f[7];
  for (size_t i = 8; i < f.size(); ++i) {
    if (f[i].front() != '[') v.slots.push_back(f[i]);  // [slot->-id] is a migration in progress
  }
  return v;
}

std::vector<ClusterNodeView> parse_cluster_nodes(std::string_view text) {
  std::vector<ClusterNodeView> out;
  std::istringstream in{std::string(text)};
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \r\n") == std::string::npos) continue;
    out.push_back(parse_line(line, number));
  }
  return out;
}

}  // namespace rrt

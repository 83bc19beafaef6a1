#include "net/net_claims.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/errors.h"
#include "base/process.h"
#include "base/run_tool.h"
#include "net/net_names.h"

namespace rrt {

namespace fs = std::filesystem;

std::string net_claims_dir() {
  return "/run/rrt-net";
}

static std::string claim_path(const std::string& id) {
  return fmt::format("{}/{}.json", net_claims_dir(), id);
}

FileLock lock_net_claims() {
  SystemClock clock;
  return FileLock(clock, net_claims_dir() + "/lock", 60 * kSeconds);
}

NetClaim::NetClaim(std::string id, nlohmann::json info)
    : id_(std::move(id)), claim_(std::move(info)) {
  claim_["id"] = id_;
  claim_["owner_pid"] = getpid();
  claim_["owner_start"] = process_start_time(getpid());
  claim_["objects"] = nlohmann::json::array();
  save();
}

void NetClaim::add(const std::string& kind, const std::string& name) {
  claim_["objects"].push_back({{"kind", kind}, {"name", name}});
  save();
}

void NetClaim::save() const {
  std::error_code ec;
  fs::create_directories(net_claims_dir(), ec);
  std::string path = claim_path(id_);
  {
    std::ofstream out(path + ".tmp");
    out << claim_.dump(2) << "\n";
    if (!out) throw EnvironmentError(fmt::format("cannot write {}.tmp", path));
  }
  fs::rename(path + ".tmp", path);  // readers never see half a claim
}

void NetClaim::release() {
  release_claim(claim_);
}

// Deletes namespaces first: that also removes the veth pairs whose far end lives in them.
static void delete_objects(const std::vector<std::string>& namespaces,
                           const std::vector<std::string>& links) {
  std::string batch;
  for (const auto& ns : namespaces) batch += "netns del " + ns + "\n";
  for (const auto& link : links) batch += "link del " + link + "\n";
  if (!batch.empty()) run_tool({"ip", "-force", "-batch", "-"}, "", batch);  // goes on past errors
}

static std::vector<nlohmann::json> all_claims();
static bool owner_alive(const nlohmann::json& claim);

static bool same_claim(const nlohmann::json& a, const nlohmann::json& b) {
  return a.value("id", "") == b.value("id", "") &&
         a.value("owner_pid", 0) == b.value("owner_pid", 0) &&
         a.value("owner_start", 0LL) == b.value("owner_start", 0LL);
}

void release_claim(const nlohmann::json& claim) {
  if (!claim.is_object() || geteuid() != 0) return;
  // A stale record may name objects that a live lab has since created under the same names
  // (a lab of the same name under another RRT_HOME): those stay, and so does a claim file that
  // a new owner has taken over.
  std::set<std::string> taken;
  bool claim_file_is_ours = true;
  for (const auto& other : all_claims()) {
    if (same_claim(other, claim) || !owner_alive(other)) continue;
    for (const auto& o : other.value("objects", nlohmann::json::array())) {
      taken.insert(o.value("name", ""));
    }
    if (other.value("id", "") == claim.value("id", "")) claim_file_is_ours = false;
  }
  std::vector<std::string> namespaces, links;
  std::set<std::string> existing_ns, existing_links;
  for (const auto& n : rrt_namespaces()) existing_ns.insert(n);
  for (const auto& l : rrt_interfaces()) existing_links.insert(l);
  for (const auto& o : claim.value("objects", nlohmann::json::array())) {
    std::string kind = o.value("kind", ""), name = o.value("name", "");
    if (taken.count(name)) continue;
    if (kind == "netns" && existing_ns.count(name)) namespaces.push_back(name);
    if (kind == "link" && existing_links.count(name)) links.push_back(name);
  }
  delete_objects(namespaces, links);
  std::error_code ec;
  std::string id = claim.value("id", "");
  if (!id.empty() && claim_file_is_ours) fs::remove(claim_path(id), ec);
}

void reclaim_network() {
  if (geteuid() != 0) return;
  FileLock lock = lock_net_claims();
  sweep_network();
}

static std::vector<nlohmann::json> all_claims() {
  std::vector<nlohmann::json> claims;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(net_claims_dir(), ec)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_object()) claims.push_back(std::move(j));
  }
  return claims;
}

static bool owner_alive(const nlohmann::json& claim) {
  return process_alive(claim.value("owner_pid", 0), claim.value("owner_start", 0LL));
}

std::vector<nlohmann::json> live_claims() {
  std::vector<nlohmann::json> live;
  for (auto& c : all_claims()) {
    if (owner_alive(c)) live.push_back(std::move(c));
  }
  return live;
}

std::vector<std::string> sweep_network() {
  if (geteuid() != 0) return {};
  std::set<std::string> claimed;
  for (const auto& c : all_claims()) {
    if (!owner_alive(c)) {
      release_claim(c);
      continue;
    }
    for (const auto& o : c.value("objects", nlohmann::json::array()))
      claimed.insert(o.value("name", ""));
  }
  std::vector<std::string> namespaces, links, removed;
  for (const auto& n : rrt_namespaces()) {
    if (!claimed.count(n)) namespaces.push_back(n);
  }
  for (const auto& l : rrt_interfaces()) {
    if (!claimed.count(l)) links.push_back(l);
  }
  delete_objects(namespaces, links);
  removed = namespaces;
  removed.insert(removed.end(), links.begin(), links.end());
  return removed;
}

static std::vector<std::string> rrt_entries(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (is_rrt_name(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> rrt_namespaces() {
  return rrt_entries("/run/netns");
}
std::vector<std::string> rrt_interfaces() {
  return rrt_entries("/sys/class/net");
}

}  // namespace rrt

#include "lab/lab_registry.h"

#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/errors.h"
#include "base/process.h"
#include "net/lab_hosts.h"
#include "net/net_claims.h"

namespace rrt {

namespace fs = std::filesystem;

std::string rrt_home() {
  const char* home = getenv("RRT_HOME");
  if (home && *home) return home;
  return fmt::format("/tmp/rrt-{}", getuid());
}

std::string labs_dir() {
  return rrt_home() + "/labs";
}
std::string lab_dir(const std::string& name) {
  return labs_dir() + "/" + name;
}

FileLock lock_labs() {
  std::error_code ec;
  fs::create_directories(labs_dir(), ec);
  SystemClock clock;
  return FileLock(clock, rrt_home() + "/labs.lock", 60 * kSeconds);
}

nlohmann::json read_lab_record(const std::string& name) {
  std::ifstream in(lab_dir(name) + "/lab.json");
  if (!in) return nullptr;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

void write_lab_record(const std::string& name, const nlohmann::json& record) {
  std::string path = lab_dir(name) + "/lab.json";
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << record.dump(2) << "\n";
    if (!out) throw EnvironmentError(fmt::format("cannot write {}", tmp));
  }
  fs::rename(tmp, path);  // readers never see half a file
}

std::vector<nlohmann::json> registered_labs() {
  std::vector<nlohmann::json> labs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(labs_dir(), ec)) {
    nlohmann::json j = read_lab_record(entry.path().filename().string());
    if (j.is_object()) labs.push_back(std::move(j));
  }
  return labs;
}

std::vector<Endpoint> lab_endpoints(const nlohmann::json& record, const std::string& role) {
  std::vector<Endpoint> out;
  if (!record.is_object()) return out;
  for (const auto& node : record.value("nodes", nlohmann::json::array())) {
    if (node.value("role", "") == role) out.push_back({node["host"], node["port"]});
  }
  return out;
}

bool lab_owner_alive(const nlohmann::json& record) {
  return process_alive(record.value("owner_pid", 0), record.value("owner_start", 0LL));
}

void kill_lab_processes(const nlohmann::json& record) {
  for (const auto& node : record.value("nodes", nlohmann::json::array())) {
    int pid = node.value("pid", 0);
    if (process_alive(pid, node.value("start_time", 0LL))) terminate_process(pid, kSeconds);
  }
  int owner = record.value("owner_pid", 0);
  if (owner != getpid() && lab_owner_alive(record)) terminate_process(owner, 2 * kSeconds);
  // Namespaces and bridges outlive their owner: remove them once nothing of the lab runs.
  if (owner != getpid()) release_lab_network(record.value("net", nlohmann::json()));
  release_port_claims(record.value("first_port", 0), record.value("port_count", 0));
}

std::vector<std::string> reclaim_stale_labs() {
  std::vector<std::string> cleaned;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(labs_dir(), ec)) {
    if (!entry.is_directory()) continue;
    std::string name = entry.path().filename().string();
    nlohmann::json record = read_lab_record(name);
    if (record.is_object() && lab_owner_alive(record)) continue;
    if (record.is_object()) kill_lab_processes(record);
    fs::remove_all(entry.path(), ec);
    cleaned.push_back(name);
  }
  reclaim_network();  // network objects of dead owners under any RRT_HOME
  return cleaned;
}

bool port_free(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // as Redis does
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

static std::set<int> ports_of_registered_labs() {
  std::set<int> used;
  for (const auto& lab : registered_labs()) {
    int first = lab.value("first_port", 0);
    for (int p = first; p > 0 && p < first + lab.value("port_count", 0); ++p) used.insert(p);
  }
  return used;
}

// Two rrt processes with different RRT_HOMEs (two users, parallel tests) can both find a block
// free before either has bound it. A machine-wide claim file per port closes that window: a
// claim holds while its process lives and for at most a minute, by when the lab's nodes have
// bound the ports themselves (and the bind probe sees them). Returns false if another live
// process claimed `port`.
static bool claim_port(int port) {
  const fs::path dir = "/tmp/rrt-port-claims";
  std::error_code ec;
  if (fs::create_directories(dir, ec)) {
    fs::permissions(dir, fs::perms::all | fs::perms::sticky_bit, ec);  // every user, as /tmp
  }
  const fs::path path = dir / std::to_string(port);
  for (int attempt = 0; attempt < 2; ++attempt) {
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      std::string pid = std::to_string(getpid());
      bool written = write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size());
      close(fd);
      return written;
    }
    if (errno != EEXIST) return true;  // no claims possible here: the bind probe must do
    int owner = 0;
    std::ifstream(path) >> owner;
    auto age = fs::file_time_type::clock::now() - fs::last_write_time(path, ec);
    bool live =
        owner > 0 && owner != getpid() && kill(owner, 0) == 0 && age < std::chrono::minutes(1);
    if (live) return false;
    fs::remove(path, ec);  // stale: its owner is gone or its lab has long bound the ports
  }
  return false;
}

void release_port_claims(int first, int count) {
  for (int p = first; p < first + count; ++p) {
    fs::path path = fs::path("/tmp/rrt-port-claims") / std::to_string(p);
    int owner = 0;
    std::ifstream(path) >> owner;
    std::error_code ec;
    fs::remove(path, ec);
  }
}

int allocate_ports(int base, int count) {
  std::set<int> used = ports_of_registered_labs();
  auto block_free = [&](int first, int* busy) {
    for (int p = first; p < first + count; ++p) {
      if (used.count(p) || !port_free(p) || !claim_port(p)) {
        *busy = p;
        return false;
      }
    }
    return true;
  };
  int busy = 0;
  if (base != 0) {
    if (block_free(base, &busy)) return base;
    throw EnvironmentError(fmt::format(
        "port {} is in use (the lab needs ports {}-{}); choose another --base-port, or leave it "
        "out to get a free block",
        busy, base, base + count - 1));
  }
  for (int first = 7000; first + count < 30000; first += count) {
    if (block_free(first, &busy)) return first;
  }
  throw EnvironmentError("no block of free ports between 7000 and 30000");
}

}  // namespace rrt

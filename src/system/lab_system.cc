#include "system/lab_system.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "history/run_dir.h"
#include "system/lab_policy.h"

namespace rrt {

namespace fs = std::filesystem;

static LabSpec named_for_this_run(LabSpec spec) {
  spec.name = fmt::format("run-{}", getpid());
  return spec;
}

LabSystem::LabSystem(LabSpec spec) : lab_(named_for_this_run(std::move(spec))) {}

ConnectOptions LabSystem::connect() const {
  ConnectOptions o;
  o.password = lab_.spec().password;
  return o;
}

FaultContext LabSystem::fault_context(Clock& clock) {
  FaultContext ctx;
  ctx.nodes = &nodes_;
  ctx.processes = &nodes_;
  ctx.network = lab_.network();
  ctx.clock = &clock;
  return ctx;
}

std::string LabSystem::lacks(Capability c, const FaultStep&) {
  return lab_lacks(lab_.spec(), c);
}

std::string LabSystem::backend() const {
  return lab_backend(lab_.spec());
}

nlohmann::json LabSystem::describe() const {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : lab_.nodes()) {
    nodes.push_back({{"name", n.info.name},
                     {"role", role_name(n.info.role)},
                     {"endpoint", n.info.endpoint.to_string()}});
  }
  return {{"topology", to_json(lab_.spec())}, {"nodes", nodes}};
}

// Copies `from` to `to`, with every occurrence of `secret` (if any) replaced by "***".
static void copy_redacted(const fs::path& from, const fs::path& to, const std::string& secret) {
  std::ifstream in(from);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  for (size_t at; !secret.empty() && (at = s.find(secret)) != std::string::npos;) {
    s.replace(at, secret.size(), "***");
  }
  std::ofstream(to) << s;
}

// Copies every node's log and configuration into <run>/nodes/<name>/, without the password.
nlohmann::json LabSystem::finish(const RunDir& run) {
  std::error_code ec;
  for (const auto& node : lab_.nodes()) {
    fs::path to = fs::path(run.path()) / "nodes" / node.info.name;
    fs::create_directories(to, ec);
    for (const auto& entry : fs::directory_iterator(node.dir, ec)) {
      std::string ext = entry.path().extension().string();
      if (ext == ".log" || ext == ".conf") {
        copy_redacted(entry.path(), to / entry.path().filename(), lab_.spec().password);
      }
    }
  }
  lab_.stop();
  return nullptr;
}

}  // namespace rrt

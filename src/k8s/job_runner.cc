#include "k8s/job_runner.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/errors.h"

namespace rrt {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* kExitMarker = "rrt-k8s: exit ";
const char* kDirMarker = "rrt-k8s: run-dir ";

// The container state's waiting reason and message, or empty.
std::pair<std::string, std::string> waiting(const json& pod) {
  for (const auto& s :
       pod.value("status", json::object()).value("containerStatuses", json::array())) {
    const json& w = s.value("state", json::object()).value("waiting", json::object());
    if (w.contains("reason")) return {w.value("reason", ""), w.value("message", "")};
  }
  return {"", ""};
}

std::string terminated_reason(const json& pod) {
  for (const auto& s :
       pod.value("status", json::object()).value("containerStatuses", json::array())) {
    const json& t = s.value("state", json::object()).value("terminated", json::object());
    if (t.contains("reason")) return t.value("reason", "");
  }
  return pod.value("status", json::object()).value("reason", "");
}

void fail_if_stuck(const std::string& reason, const std::string& message,
                   const std::string& image) {
  if (reason == "ErrImagePull" || reason == "ImagePullBackOff" || reason == "InvalidImageName") {
    throw EnvironmentError(fmt::format(
        "the Job's pod cannot pull image {} ({}: {}): load it into the cluster's nodes (kind: "
        "`kind load docker-image {}`) or push it where the nodes can pull it "
        "(imagePullPolicy is IfNotPresent)",
        image, reason, message, image));
  }
  if (reason == "CreateContainerConfigError" || reason == "CreateContainerError") {
    throw EnvironmentError(
        fmt::format("the Job's pod cannot start its container ({}: {})", reason, message));
  }
}

}  // namespace

std::string unique_run_suffix() {
  std::string stamp = format_run_stamp(wall_ns());
  std::mt19937 rng(static_cast<unsigned>(mono_ns() ^ getpid()));
  return fmt::format("{}-{:04x}", stamp, rng() & 0xffff);
}

JobRunner::JobRunner(KubectlOptions kubectl, Waiter wait,
                     std::function<void(const std::string&)> out)
    : kubectl_(std::move(kubectl)), wait_(std::move(wait)), out_(std::move(out)) {}

JobRunner::~JobRunner() {
  try {
    if (created_) remove();
  } catch (...) {
    // Destructors must not throw; remove() said what it could not delete.
  }
}

void JobRunner::create(const JobSpec& spec) {
  spec_ = spec;
  created_ = true;  // from here on, a failure still deletes whatever did get created
  must_kubectl(kubectl_, {{"create", "-f", "-"}, job_objects(spec).dump()});
  KubectlResult r = run_kubectl(kubectl_, {{"get", "job", spec.name, "-o", "json"}, ""});
  if (!r.ok()) throw EnvironmentError("Job " + spec.name + " was not created: " + r.why());
  say(fmt::format("job {} created in namespace {} (image {})", spec.name, spec.ns, spec.image));
}

bool JobRunner::look(JobOutcome& o) {
  std::string out =
      must_kubectl(kubectl_, {{"get", "pods", "-l", "rrt.io/job=" + spec_.name, "-o", "json"}, ""});
  json pods = json::parse(out, nullptr, false);
  if (!pods.is_object() || pods.value("items", json::array()).empty()) return false;
  const json& pod = pods["items"][0];
  pod_ = pod.value("metadata", json::object()).value("name", "");
  std::string phase = pod.value("status", json::object()).value("phase", "");
  auto [reason, message] = waiting(pod);
  std::string shown = reason.empty() ? phase : phase + " (" + reason + ")";
  if (shown != phase_) say(fmt::format("pod {}: {}", pod_, shown));
  phase_ = shown;
  fail_if_stuck(reason, message, spec_.image);
  if (phase == "Pending") return false;
  KubectlResult logs = run_kubectl(kubectl_, {{"logs", pod_, "-c", "rrt"}, ""});
  std::istringstream in(logs.out);
  std::size_t n = 0;
  bool ended = false;
  for (std::string line; std::getline(in, line); ++n) {
    if (line.rfind(kDirMarker, 0) == 0) o.pod_dir = line.substr(std::strlen(kDirMarker));
    if (line.rfind(kExitMarker, 0) == 0) {
      o.rrt_exit = std::atoi(line.c_str() + std::strlen(kExitMarker));
      ended = true;
    }
    if (n >= printed_) say("| " + line);
  }
  printed_ = std::max(printed_, n);
  if (!ended && (phase == "Failed" || phase == "Succeeded")) {
    throw EnvironmentError(
        fmt::format("the Job's pod {} ended ({}) before rrt did", pod_, terminated_reason(pod)));
  }
  return ended;
}

JobOutcome JobRunner::follow(int deadline_s) {
  JobOutcome o;
  Nanos deadline = mono_ns() + deadline_s * kSeconds;
  while (!look(o)) {
    if (mono_ns() > deadline) {
      throw EnvironmentError(
          fmt::format("Job {} did not finish within {} s", spec_.name, deadline_s));
    }
    if (wait_(2 * kSeconds)) throw EnvironmentError("interrupted while following " + spec_.name);
  }
  return o;
}

void JobRunner::fetch(JobOutcome& o, const std::string& runs_root) {
  std::string prefix = std::string(kJobRunsDir) + "/";
  if (o.pod_dir.rfind(prefix, 0) != 0) {
    throw EnvironmentError(fmt::format(
        "rrt in Job {} ended with exit code {} without a run directory", spec_.name, o.rrt_exit));
  }
  fs::path local = fs::path(runs_root) / o.pod_dir.substr(prefix.size());
  fs::create_directories(local.parent_path());
  must_kubectl(kubectl_, {{"cp", pod_ + ":" + o.pod_dir, local.string(), "-c", "rrt"}, "", 300});
  std::ifstream in(local / "results.json");
  json results = json::parse(in, nullptr, false);
  if (!in || results.is_discarded()) {
    throw EnvironmentError(fmt::format("the copy of {} in {} has no readable results.json",
                                       o.pod_dir, local.string()));
  }
  o.local_dir = local.string();
  o.verdict = results.value("verdict", "");
  std::error_code ec;
  fs::path latest = local.parent_path() / "latest";
  fs::remove(latest, ec);
  fs::create_directory_symlink(local.filename(), latest, ec);
  say(fmt::format("run directory copied to {} (verdict: {})", o.local_dir, o.verdict));
}

bool JobRunner::remove() {
  created_ = false;
  std::vector<std::string> objects = {"job/" + spec_.name};
  if (spec_.api_access) {
    for (const char* kind : {"serviceaccount/", "role/", "rolebinding/"}) {
      objects.push_back(kind + spec_.name);
    }
  }
  std::vector<std::string> args = {"delete"};
  args.insert(args.end(), objects.begin(), objects.end());
  args.insert(args.end(), {"--ignore-not-found", "--cascade=foreground", "--wait=false"});
  KubectlResult del = run_kubectl(kubectl_, {args, ""});
  if (!del.ok()) say("could not delete " + spec_.name + ": " + del.why());
  Nanos deadline = mono_ns() + 120 * kSeconds;
  while (mono_ns() < deadline) {
    bool job_gone =
        run_kubectl(kubectl_, {{"get", "job", spec_.name, "-o", "json"}, ""}).not_found();
    KubectlResult pods = run_kubectl(
        kubectl_, {{"get", "pods", "-l", "rrt.io/job=" + spec_.name, "-o", "json"}, ""});
    json list = json::parse(pods.out, nullptr, false);
    bool pods_gone = pods.ok() && list.is_object() && list.value("items", json::array()).empty();
    if (job_gone && pods_gone) {
      say(fmt::format("job {} deleted", spec_.name));
      return true;
    }
    wait_(kSeconds);
  }
  say(fmt::format("job {} is still there after 120 s: delete it with `kubectl -n {} delete job {}`",
                  spec_.name, spec_.ns, spec_.name));
  return false;
}

}  // namespace rrt

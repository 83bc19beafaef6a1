#include "scenario/scenario_catalog.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "base/errors.h"
#include "scenario/scenario_loader.h"

namespace rrt {

namespace fs = std::filesystem;

static fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::vector<std::string> scenario_dirs() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("RRT_SCENARIOS")) {
    std::string list = env;
    for (size_t pos = 0; pos <= list.size();) {
      size_t colon = std::min(list.find(':', pos), list.size());
      if (colon > pos) candidates.push_back(list.substr(pos, colon - pos));
      pos = colon + 1;
    }
  }
  fs::path exe = executable_dir();
  if (!exe.empty()) {
    for (const char* rel : {"scenarios", "../scenarios", "../share/rrt/scenarios"}) {
      candidates.push_back(exe / rel);
    }
  }
  // This file is src/scenario/scenario_catalog.cc in the source tree (CMake compiles it by its
  // absolute path): the tree's scenarios/ is two levels up.
  candidates.push_back(fs::path(__FILE__).parent_path().parent_path().parent_path() / "scenarios");
  std::vector<std::string> dirs;
  for (const auto& c : candidates) {
    std::error_code ec;
    if (!fs::is_directory(c, ec)) continue;
    std::string canonical = fs::canonical(c, ec).string();
    if (!ec && std::find(dirs.begin(), dirs.end(), canonical) == dirs.end())
      dirs.push_back(canonical);
  }
  return dirs;
}

static bool is_yaml(const fs::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}

// Every scenario file in scenario_dirs(): name -> path (a name in an earlier directory hides
// later ones).
static std::map<std::string, std::string> scenario_files() {
  std::map<std::string, std::string> by_name;
  for (const auto& dir : scenario_dirs()) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file() || !is_yaml(entry.path())) continue;
      by_name.emplace(entry.path().stem().string(), entry.path().string());
    }
  }
  return by_name;
}

std::string find_scenario(const std::string& file_or_name) {
  std::error_code ec;
  if (fs::is_regular_file(file_or_name, ec)) return file_or_name;
  if (is_yaml(file_or_name) || file_or_name.find('/') != std::string::npos) {
    throw UsageError(fmt::format("no scenario file {}", file_or_name));
  }
  for (const auto& dir : scenario_dirs()) {
    fs::path p = fs::path(dir) / (file_or_name + ".yaml");
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  std::string names;
  for (const auto& [name, path] : scenario_files()) names += (names.empty() ? "" : ", ") + name;
  throw UsageError(
      fmt::format("unknown scenario '{}': known scenarios: {} (`rrt scenarios` lists "
                  "them; a path to a .yaml file works too)",
                  file_or_name, names.empty() ? "none found" : names));
}

std::vector<CatalogEntry> list_scenarios(const ScenarioVocabulary& vocabulary) {
  std::vector<CatalogEntry> out;
  for (const auto& [name, path] : scenario_files()) {
    CatalogEntry e{name, path, "", 0, false};
    try {
      Scenario s = load_scenario_file(e.path, vocabulary);
      e.summary = s.summary;
      e.duration = s.duration;
    } catch (const std::exception& err) {
      e.summary = err.what();
      e.broken = true;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rrt

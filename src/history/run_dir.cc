#include "history/run_dir.h"

#include <fmt/format.h>

#include <filesystem>

#include "base/clock.h"
#include "base/errors.h"

namespace rrt {

namespace fs = std::filesystem;

RunDir::RunDir(const std::string& root, const std::string& scenario) {
  fs::path parent = fs::path(root) / scenario;
  fs::path dir = parent / format_run_stamp(wall_ns());
  std::error_code ec;
  for (int i = 2; fs::exists(dir, ec); ++i) {
    dir = parent / fmt::format("{}-{}", format_run_stamp(wall_ns()), i);
  }
  fs::create_directories(dir, ec);
  if (ec)
    throw EnvironmentError(
        fmt::format("cannot create run directory {}: {}", dir.string(), ec.message()));
  path_ = fs::absolute(dir).string();
  fs::path latest = parent / "latest";
  fs::remove(latest, ec);
  fs::create_directory_symlink(dir.filename(), latest, ec);  // relative: the tree can move
}

RunDir::RunDir(const std::string& existing) {
  std::error_code ec;
  if (!fs::is_directory(existing, ec)) {
    throw UsageError(fmt::format("{} is not a run directory", existing));
  }
  path_ = fs::canonical(existing, ec).string();
}

std::string RunDir::history() const {
  std::string compact = history(HistoryEncoding::kCompact);
  std::error_code ec;
  return fs::exists(compact, ec) ? compact : history(HistoryEncoding::kJsonl);
}

}  // namespace rrt

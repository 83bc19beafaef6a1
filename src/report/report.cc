#include "report/report.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "base/errors.h"
#include "report/junit.h"
#include "report/report_data.h"
#include "report/report_html.h"

namespace rrt {

// Writes to a temporary file, then renames it: a reader never sees half a report.
static void write_file(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw EnvironmentError(fmt::format("cannot write {}", tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw EnvironmentError(fmt::format("cannot write {}: {}", path, ec.message()));
}

ReportFiles write_reports(const std::string& run_dir) {
  RunData data = load_run_data(run_dir);
  ReportFiles files{run_dir + "/report.html", run_dir + "/junit.xml", 0};
  std::string html = report_html(data);
  files.html_bytes = html.size();
  write_file(files.html, html);
  write_file(files.junit, junit_xml(data.results));
  return files;
}

}  // namespace rrt

// Writes a run directory's reports (report.html, junit.xml) from its stored files. Used by the
// scenario runner after results.json is written, and by `rrt report RUN_DIR`.
#pragma once

#include <string>

namespace rrt {

struct ReportFiles {
  std::string html;   // path of report.html
  std::string junit;  // path of junit.xml
  size_t html_bytes = 0;
};

// Throws UsageError naming the file that is missing or malformed, EnvironmentError if a report
// cannot be written.
ReportFiles write_reports(const std::string& run_dir);

}  // namespace rrt

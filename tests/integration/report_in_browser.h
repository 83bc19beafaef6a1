// Checks that a run's report.html lays out in a real browser: headless Chromium (Debian's
// chromium package; scripts/setup.sh installs it, and the check fails, not skips, without it)
// at 1280 px and at a phone's 400 px.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace rrt::testing {

// Opens <run_dir>/report.html and asserts (gtest EXPECTs) at both widths: the browser reports
// no error (console, exception, Content-Security-Policy, failed load); the document is no
// wider than the window; every picture is drawn; no two texts of a picture overlap and none
// sticks out of it (boxes as Chromium measures them); a screenshot of the whole page has the
// page's size. Keeps the page and the screenshots as report-browser/<name>.html and
// <name>-<width>.png under the working directory (build/ under ctest), for a person to look
// at. Returns what it measured at 1280 px: "pictures", "phaseLabels" (failover anatomy),
// "downSpans" (shaded in the lag plot), "listedReads" (a kind listed, not plotted), ...
nlohmann::json expect_report_lays_out(const std::string& run_dir, const std::string& name);

}  // namespace rrt::testing

// The report's stylesheet, inlined into report.html (no external assets). Screen and print.
#pragma once

namespace rrt {

const char* report_css();

}  // namespace rrt

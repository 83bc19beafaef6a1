// report.html: one self-contained page (inline CSS and SVG, no script, no external asset), so
// it opens offline, from an archive or a CI artifact, and prints.
#pragma once

#include <string>

#include "report/report_data.h"

namespace rrt {

std::string report_html(const RunData& data);

}  // namespace rrt

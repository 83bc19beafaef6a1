// junit.xml: one <testcase> per check of results.json, so a CI job shows which check failed.
// invalid -> <failure>, unknown -> <error> (the checker could not decide; rrt exits 4), valid ->
// passed. An interrupted run adds a testcase "run completed" with an <error>. The failure text
// is the check's summary, its explanation and its evidence (first operations).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace rrt {

std::string junit_xml(const nlohmann::json& results);

}  // namespace rrt

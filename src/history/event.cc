#include "history/event.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "base/errors.h"
#include "history/fault_detail.h"

namespace rrt {

nlohmann::json event_to_json(const Event& event) {
  nlohmann::json j = {{"time", event.time}, {"source", event.source}, {"name", event.name}};
  if (!event.node.empty()) j["node"] = event.node;
  if (!event.detail.empty()) j["detail"] = event.detail;
  return j;
}

Event event_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw UsageError("an event must be a JSON object");
  for (const char* key : {"time", "source", "name"}) {
    if (!j.contains(key)) throw UsageError(fmt::format("an event needs \"{}\"", key));
  }
  if (!j["time"].is_number_integer()) throw UsageError("\"time\" must be an integer (ns)");
  Event e;
  e.time = j["time"].get<Nanos>();
  e.source = j["source"].get<std::string>();
  e.name = j["name"].get<std::string>();
  e.node = j.value("node", "");
  if (j.contains("detail")) e.detail = j["detail"];
  fault_detail_of(e);  // a fault's detail must decode: checks read it
  return e;
}

Events read_events(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw EnvironmentError(fmt::format("cannot read events file {}", path));
  Events events;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      auto j = nlohmann::json::parse(line);
      events.push_back(event_from_json(j));
    } catch (const std::exception& e) {
      throw UsageError(fmt::format("{}:{}: {}", path, line_no, e.what()));
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  return events;
}

}  // namespace rrt

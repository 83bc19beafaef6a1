#include "history/fault_detail.h"

#include <fmt/format.h>

#include <stdexcept>

#include "base/enum_names.h"
#include "base/errors.h"

namespace rrt {

namespace {

constexpr char kPhase[] = "phase";
constexpr char kNode[] = "node";
constexpr char kRole[] = "role";
constexpr char kEndpoint[] = "endpoint";
constexpr char kDisruptsMaster[] = "disrupts_master";
constexpr char kMaster[] = "master";
constexpr char kTookMs[] = "took_ms";
constexpr char kFailedVerb[] = "fault";
constexpr char kError[] = "error";
constexpr const char* kTyped[] = {kPhase,  kNode,   kRole,       kEndpoint, kDisruptsMaster,
                                  kMaster, kTookMs, kFailedVerb, kError};

constexpr EnumName<FaultPhase> kPhases[] = {{FaultPhase::kStart, "start"},
                                            {FaultPhase::kStop, "stop"}};

UsageError bad_key(const char* key, const nlohmann::json& value, const std::string& expected) {
  return UsageError(
      fmt::format("fault detail: bad \"{}\" {}: expected {}", key, value.dump(), expected));
}

// The string under `key`, "" if it is missing.
std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (!it->is_string()) throw bad_key(key, *it, "a string");
  return it->get<std::string>();
}

FaultPhase phase_of(const nlohmann::json& j) {
  auto it = j.find(kPhase);
  if (it == j.end()) {
    throw UsageError(fmt::format("fault detail needs \"{}\" ({})", kPhase, names_in(kPhases)));
  }
  std::optional<FaultPhase> phase;
  if (it->is_string()) phase = value_in(kPhases, it->get<std::string>());
  if (!phase) throw bad_key(kPhase, *it, names_in(kPhases));
  return *phase;
}

std::optional<Role> role_of(const nlohmann::json& j) {
  auto it = j.find(kRole);
  if (it == j.end()) return std::nullopt;
  std::optional<Role> role;
  if (it->is_string()) role = parse_role(it->get<std::string>());
  if (!role) throw bad_key(kRole, *it, role_names());
  return role;
}

bool disrupts_of(const nlohmann::json& j) {
  auto it = j.find(kDisruptsMaster);
  if (it == j.end()) return false;
  if (!it->is_boolean()) throw bad_key(kDisruptsMaster, *it, "true or false");
  return it->get<bool>();
}

std::optional<Nanos> took_of(const nlohmann::json& j) {
  auto it = j.find(kTookMs);
  if (it == j.end()) return std::nullopt;
  if (!it->is_number_integer()) throw bad_key(kTookMs, *it, "an integer (ms)");
  return it->get<int64_t>() * kMillis;
}

bool is_typed(const std::string& key) {
  for (const char* k : kTyped) {
    if (key == k) return true;
  }
  return false;
}

}  // namespace

const char* fault_phase_name(FaultPhase phase) {
  return name_in(kPhases, phase);
}

void FaultDetail::add_extra(const nlohmann::json& fields) {
  if (fields.is_null()) return;
  if (!fields.is_object()) {
    throw std::logic_error("fault detail: extra fields must be an object, got " + fields.dump());
  }
  extra.update(fields);
}

nlohmann::json to_json(const FaultDetail& d) {
  nlohmann::json j = d.extra.is_object() ? d.extra : nlohmann::json::object();
  j[kPhase] = fault_phase_name(d.phase);
  if (!d.node.empty()) j[kNode] = d.node;
  if (d.role) j[kRole] = role_name(*d.role);
  if (!d.endpoint.empty()) j[kEndpoint] = d.endpoint;
  if (d.disrupts_master) j[kDisruptsMaster] = true;
  if (!d.master.empty()) j[kMaster] = d.master;
  if (d.took) j[kTookMs] = *d.took / kMillis;
  if (!d.failed_verb.empty()) j[kFailedVerb] = d.failed_verb;
  if (!d.error.empty()) j[kError] = d.error;
  return j;
}

FaultDetail fault_detail_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw UsageError("fault detail must be a JSON object, got " + j.dump());
  FaultDetail d;
  d.phase = phase_of(j);
  d.node = text(j, kNode);
  d.role = role_of(j);
  d.endpoint = text(j, kEndpoint);
  d.disrupts_master = disrupts_of(j);
  d.master = text(j, kMaster);
  d.took = took_of(j);
  d.failed_verb = text(j, kFailedVerb);
  d.error = text(j, kError);
  for (const auto& [key, value] : j.items()) {
    if (!is_typed(key)) d.extra[key] = value;
  }
  return d;
}

std::optional<FaultDetail> fault_detail_of(const Event& e) {
  if (e.source != kNemesis) return std::nullopt;
  return fault_detail_from_json(e.detail);
}

bool is_disruption(const Event& e) {
  std::optional<FaultDetail> d = fault_detail_of(e);
  return d && d->phase == FaultPhase::kStart && d->disrupts_master;
}

}  // namespace rrt

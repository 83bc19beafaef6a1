#include "workload/client_options.h"

namespace rrt {

ClientOptions read_client_options(OptionReader& o, ClientOptions d, bool reads) {
  ClientOptions c;
  c.clients = o.integer("clients", d.clients, 1, 10000);
  c.keys = o.integer("keys", d.keys, 1, 1000000);
  c.rate = o.number("rate", d.rate, 0, 10'000'000);
  c.ops = o.integer("ops", d.ops, 0, 100'000'000);
  if (reads) c.read_from = o.choice("read_from", d.read_from, {"master", "replicas"});
  c.retry_delay = o.duration("retry_delay", d.retry_delay);
  c.timeout = o.duration("timeout", d.timeout);
  c.follow_switch = o.boolean("follow_switch", d.follow_switch);
  return c;
}

std::string describe_clients(const ClientOptions& c) {
  std::string notes;
  if (c.timeout > 0) notes += "timeout " + format_duration(c.timeout);
  if (c.follow_switch) notes += std::string(notes.empty() ? "" : ", ") + "following +switch-master";
  std::string out = std::to_string(c.clients) + (c.clients == 1 ? " client" : " clients");
  return notes.empty() ? out : out + " (" + notes + ")";
}

nlohmann::json to_json(const ClientOptions& c) {
  return {{"clients", c.clients},
          {"keys", c.keys},
          {"rate", c.rate},
          {"ops", c.ops},
          {"read_from", c.read_from},
          {"retry_delay_ms", c.retry_delay / kMillis},
          {"timeout_ms", c.timeout / kMillis},
          {"follow_switch", c.follow_switch}};
}

}  // namespace rrt

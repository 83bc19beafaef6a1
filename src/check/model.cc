#include "check/model.h"

namespace rrt {

std::unique_ptr<Model> make_model(const std::string& name, const Value& initial) {
  if (name == "register") return make_register_model(false, initial);
  if (name == "cas-register") return make_register_model(true, initial);
  if (name == "kv") return make_kv_model(initial);
  return nullptr;
}

}  // namespace rrt

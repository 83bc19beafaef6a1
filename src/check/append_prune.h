// Early refutation for string-valued (kv) objects, where every order of concurrent appends gives
// a different state, so the memo cache cannot merge them and the plain search explores them all.
//
// Rule (sound): after an append or put leaves the object in state s, a required get R still to
// be linearized that returned r can only succeed if r extends s (appends only extend the state)
// or if some put P not yet linearized, invoked before R returned, wrote a prefix of r. If some
// such R cannot succeed, the configuration is dead.
#pragma once

#include <unordered_map>
#include <vector>

#include "check/wgl_search.h"

namespace rrt {

class AppendPrune {
 public:
  // `ops` in the search's numbering; `values` must outlive this.
  AppendPrune(const std::vector<SearchOp>& ops, ValueTable* values);

  // Whether get `id` (a required kRead) can still be satisfied from `state`; `pending(p)` tells
  // whether op p is not yet linearized (nor dropped).
  template <typename Pending>
  bool satisfiable(int id, StateId state, Pending pending) {
    if (extends(state, ops_[id].step.a)) return true;
    for (int p : rescuers_[id]) {
      if (pending(p)) return true;
    }
    return false;
  }

 private:
  bool extends(StateId state, StateId read);

  const std::vector<SearchOp>& ops_;
  ValueTable* values_;
  std::vector<std::vector<int>> rescuers_;  // per get: puts that could reset the state for it
  std::unordered_map<uint64_t, bool> extends_;
};

}  // namespace rrt

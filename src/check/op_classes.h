// Interchangeable ops of a linearizability search problem.
//
// Optional ops without a deadline (crashed ones: they may take effect at any moment after their
// invocation, or never) that have the same step are interchangeable: once both were invoked,
// either can stand for the other. So the search only ever tries the earliest member of such a
// class that is not linearized yet. That cuts its branching (the plain search tried every
// pending crashed "write 3" wherever one fitted), keeps the linearized members of a class a
// prefix of it, so a count stands for them in the memo key, and lets one list entry stand for
// the whole class, so the walk no longer passes every crashed op still pending.
#pragma once

#include <cstdint>
#include <vector>

#include "check/memo_cache.h"
#include "check/wgl_search.h"

namespace rrt {

// The search's numbering of `ops`: search id -> index into ops. Required ops come first and
// optional ops with a deadline next, each in invocation order; then the classes, by their
// first invocation, each class's members together in invocation order. Required ops are
// linearized roughly in order, so the set's encoding stays short.
std::vector<int> number_for_search(const std::vector<SearchOp>& ops);

class OpClasses {
 public:
  // `ops` numbered by number_for_search.
  explicit OpClasses(const std::vector<SearchOp>& ops);

  int class_of(int id) const { return class_of_[id]; }  // -1 for ops of no class
  int first(int c) const { return classes_[c].first; }
  int size(int c) const { return classes_[c].size; }
  bool used_up(int c) const { return classes_[c].used == classes_[c].size; }
  // The member to try next: the earliest not linearized (the class must not be used up).
  int next(int c) const { return classes_[c].first + classes_[c].used; }

  // Adds op id to the linearized ops: a bit in `set`, or one more in its class's count.
  void mark(int id, OpSet* set);
  void unmark(int id, OpSet* set);
  bool linearized(int id, const OpSet& set) const;
  // Appends the counts to a memo key after set->encode (a separator, then (class, count) of
  // every class of two or more members with some linearized), and their hash.
  void append_counts(std::vector<uint64_t>* key) const;
  uint64_t hash() const { return hash_; }

 private:
  struct Class {
    int first = 0;  // ids first .. first + size - 1
    int size = 0;
    int used = 0;  // members [first, first + used) are linearized
  };
  bool counted(int c) const { return classes_[c].size >= 2; }  // else a bit in the set
  void toggle_count(int c);                                    // flips the (c, used) term of hash_

  std::vector<Class> classes_;
  std::vector<int> class_of_;
  std::vector<int> counted_;  // counted classes with some member linearized, ascending
  uint64_t hash_ = 0;
};

}  // namespace rrt

// What no read can observe, taken out of a search problem before the search: both change no
// verdict and keep crashed clients and overwritten appends from multiplying the search.
#pragma once

#include "check/wgl_search.h"

namespace rrt {

// Removes optional ops whose effect nothing can observe. Sound because every linearization that
// uses such an op stays legal without it (dropping, too, the optional reads that saw its effect
// before the next overwrite):
//  - registers: a write, or a cas, of a value no required read returns and no cas expects;
//  - kv: a put of a text no required read starts with; an append of a text no required read
//    contains (until the next put, every state contains it).
void drop_unobservable_writes(SearchProblem* problem, const ValueTable& values);

// kv objects with appends: makes every string that no read starts with one state,
// values->unreadable() (see ValueTable::set_read_texts), in the puts and the initial value, and
// in every append from then on. Exact: from two such strings the same ops are legal (reads fail
// on both, appends keep both unreadable, a put overwrites both), so merging them changes no
// verdict. Without it, each order of appends that a put later overwrites is a distinct state
// and the memo cache cannot merge them: the search grows with the factorial of the number of
// appends concurrent with a put (Porcupine's c50-bad.txt: 80 s; with it, 15 ms).
void merge_unreadable_states(SearchProblem* problem, ValueTable* values);

}  // namespace rrt

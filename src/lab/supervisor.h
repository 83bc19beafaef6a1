// Labs that outlive the command that started them (`rrt lab up`).
//
// start_supervised_lab() forks a supervisor process that owns the lab: it starts the nodes as its
// children, reports readiness through a pipe, and then waits for SIGTERM (from `rrt lab down`),
// when it stops every node and removes the lab's files. Until the lab is ready the supervisor
// dies with the `up` command (PR_SET_PDEATHSIG), and the nodes die with the supervisor, so a
// Ctrl-C or a kill of `rrt lab up` leaves nothing behind.
#pragma once

#include <string>

#include "topo/lab_spec.h"

namespace rrt {

// Returns once the lab is ready. Throws the error the supervisor hit (EnvironmentError or
// UsageError) if it could not start the lab.
void start_supervised_lab(const LabSpec& spec);

// Stops lab `name`: asks its supervisor to stop, waits, then kills whatever is left and removes
// the directory. Throws UsageError if there is no such lab.
void stop_lab(const std::string& name);

}  // namespace rrt

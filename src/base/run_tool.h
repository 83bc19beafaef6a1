// Running a system tool to its end and reading its answers: the network tools (ip,
// iptables-restore, tc) and kubectl (which k8s/kubectl.cc bounds with timeout(1)).
//
// Every change rrt makes to the kernel's network state goes through run_tool(), so one place
// decides how a tool enters a namespace and how its failure is reported.
#pragma once

#include <string>
#include <vector>

namespace rrt {

struct ToolResult {
  int exit_code = -1;  // 127 when the tool could not be executed, 125 when setns failed
  std::string out;     // stdout
  std::string err;     // stderr

  bool ok() const { return exit_code == 0; }
};

// Runs argv (argv[0] looked up in PATH) inside network namespace `netns` (a name under
// /run/netns; empty: ours), feeds it `input` on stdin, and waits for it. `input` must stay below
// the pipe buffer (64 KiB): it is written before the output is read. Safe to call from any
// thread; the child gets no PR_SET_PDEATHSIG because it ends on its own within moments.
ToolResult run_tool(const std::vector<std::string>& argv, const std::string& netns = "",
                    const std::string& input = "");

// run_tool, or EnvironmentError quoting the command and what it wrote to stderr.
std::string must_run_tool(const std::vector<std::string>& argv, const std::string& netns = "",
                          const std::string& input = "");

// Runs several tools at once (one per namespace, typically) and waits for all of them; throws
// the EnvironmentError of the first that failed, after every one has finished.
struct ToolCall {
  std::vector<std::string> argv;
  std::string netns;
  std::string input;
};
void must_run_tools(const std::vector<ToolCall>& calls);

}  // namespace rrt

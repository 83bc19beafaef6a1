#include "cli/run_printer.h"

#include <fmt/format.h>

#include <cstdio>

namespace rrt {

namespace {
constexpr char kEraseLine[] = "\r\033[K";
}

RunPrinter::RunPrinter(bool quiet, bool tty) : quiet_(quiet) {
  state_->tty = tty;
}

void RunPrinter::attach(RunOptions* options) {
  options->quiet = quiet_;
  if (quiet_) return;
  auto state = state_;
  options->progress = [state](const std::string& text) { line(*state, text); };
  options->status_period = state->tty ? 250 * kMillis : 5 * kSeconds;
  options->status = [state](const StatusSnapshot& s) { status(*state, format_status(s)); };
}

void RunPrinter::line(State& s, const std::string& text) {
  std::lock_guard lock(s.mu);
  if (s.tty && !s.status.empty()) {
    fmt::print("{}{}\n{}", kEraseLine, text, s.status);  // the event, then the status again
  } else {
    fmt::print("{}\n", text);
  }
  std::fflush(stdout);
}

void RunPrinter::status(State& s, const std::string& text) {
  std::lock_guard lock(s.mu);
  if (s.tty) {
    s.status = "  " + text;
    fmt::print("{}{}", kEraseLine, s.status);
  } else {
    fmt::print("  {}\n", text);
  }
  std::fflush(stdout);
}

void RunPrinter::end() {
  std::lock_guard lock(state_->mu);
  if (state_->tty && !state_->status.empty()) fmt::print("{}", kEraseLine);
  state_->status.clear();
  std::fflush(stdout);
}

}  // namespace rrt

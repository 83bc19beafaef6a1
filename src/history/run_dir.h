// The directory of one run: runs/<scenario>/<timestamp>/ with a `latest` link beside it.
// Holds scenario.json, history.jsonl (or history.rrth, the compact form), events.jsonl,
// results.json and the nodes' logs.
#pragma once

#include <string>

#include "history/history_writer.h"

namespace rrt {

class RunDir {
 public:
  // Creates <root>/<scenario>/<UTC timestamp>/ and points <root>/<scenario>/latest at it.
  // Throws EnvironmentError if it cannot.
  RunDir(const std::string& root, const std::string& scenario);
  // Opens an existing run directory (for `rrt report`).
  explicit RunDir(const std::string& existing);

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // The history the run wrote: history.rrth if there is one, else history.jsonl.
  std::string history() const;
  // Where a run writes its history in `encoding`.
  std::string history(HistoryEncoding encoding) const {
    return file(encoding == HistoryEncoding::kCompact ? "history.rrth" : "history.jsonl");
  }
  std::string events() const { return file("events.jsonl"); }
  std::string results() const { return file("results.json"); }

 private:
  std::string path_;
};

}  // namespace rrt

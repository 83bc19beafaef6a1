// Headless Chromium for tests: opens a page at a given viewport, evaluates JavaScript in it,
// takes screenshots, and collects what the browser reported as an error (console.error,
// uncaught exceptions, Content-Security-Policy violations, resources that failed to load).
//
// It drives Debian's `chromium` through the DevTools protocol over --remote-debugging-pipe:
// JSON messages separated by NUL bytes on the browser's fds 3 (to it) and 4 (from it). No
// WebSocket, no Node.js, no browser download: only the distribution's package, installed by
// scripts/setup.sh. Every wait has a deadline; the browser runs in its own process group and is
// killed with it (and dies with the test process).
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace rrt::testing {

// Where the browser is: $RRT_CHROMIUM, else /usr/bin/chromium.
std::string chromium_path();

class HeadlessChromium {
 public:
  // Starts the browser with a fresh profile in `profile_dir` (created; the caller removes it).
  // Throws std::runtime_error saying how to install it when chromium is missing, or what it
  // printed when it did not start.
  explicit HeadlessChromium(const std::string& profile_dir);
  ~HeadlessChromium();
  HeadlessChromium(const HeadlessChromium&) = delete;
  HeadlessChromium& operator=(const HeadlessChromium&) = delete;

  // Opens `url` in a new tab with a viewport of width x height CSS pixels (scale 1) and waits
  // for its load event. Errors reported so far are kept; see errors().
  void open(const std::string& url, int width, int height);
  // Resizes the current tab's viewport (layout is redone before the next evaluate).
  void resize(int width, int height);
  // The value of a JavaScript expression in the page (returned by value, as JSON). Throws with
  // the exception's text if it threw.
  nlohmann::json evaluate(const std::string& expression);
  // A PNG of the page from its top-left corner: width x height CSS pixels (may extend below the
  // viewport).
  std::string screenshot_png(int width, int height);
  // What the page reported as an error since open(): one line each, "<source>: <text>".
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::object(),
                      bool in_page = true);
  nlohmann::json next_message(double timeout_s);
  void handle_event(const nlohmann::json& event);
  std::string stderr_tail() const;

  std::string profile_dir_;
  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  std::string pending_;  // bytes read past the last complete message
  int64_t next_id_ = 1;
  std::string session_;  // the current tab's flat session id
  bool loaded_ = false;
  std::vector<std::string> errors_;
};

// The width and height a PNG's header declares; {0, 0} if `png` is not a PNG.
std::pair<int, int> png_size(const std::string& png);

}  // namespace rrt::testing

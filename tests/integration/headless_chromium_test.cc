// Implementation of headless_chromium.h (in a *_test.cc file so the test target's glob picks it
// up), and tests that the driver sees what it must: a console error, a failed load, a page
// wider than its viewport, a screenshot of the size asked for.
#include "headless_chromium.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/binary.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "test_support.h"

namespace rrt::testing {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr double kStartTimeout = 30;  // a cold start on a loaded 2-core machine takes seconds
constexpr double kCallTimeout = 30;

std::string describe_exception(const json& details) {
  std::string text = details.value("text", "exception");
  if (details.contains("exception")) {
    text += ": " + details["exception"].value("description", std::string());
  }
  return text;
}

// Writes all of `text`, or throws.
void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("chromium: the DevTools pipe closed");
    done += static_cast<size_t>(n);
  }
}

}  // namespace

std::string chromium_path() {
  const char* env = std::getenv("RRT_CHROMIUM");
  return env && *env ? env : "/usr/bin/chromium";
}

HeadlessChromium::HeadlessChromium(const std::string& profile_dir) : profile_dir_(profile_dir) {
  std::string exe = chromium_path();
  if (::access(exe.c_str(), X_OK) != 0) {
    throw std::runtime_error(
        exe + " not found: the report's browser test needs Debian's chromium package; run " +
        "scripts/setup.sh (or set RRT_CHROMIUM to a Chromium binary)");
  }
  fs::create_directories(profile_dir_);
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) {
    throw std::runtime_error("chromium: pipe failed");
  }
  std::vector<std::string> args = {exe,
                                   "--headless",
                                   "--no-sandbox",  // the tests run as root
                                   "--disable-gpu",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-extensions",
                                   "--no-first-run",
                                   "--no-default-browser-check",
                                   "--hide-scrollbars",
                                   "--mute-audio",
                                   "--user-data-dir=" + profile_dir_,
                                   "--remote-debugging-pipe",
                                   "about:blank"};
  std::string log = profile_dir_ + "/chromium.stderr";
  pid_ = ::fork();
  if (pid_ == 0) {
    ::setpgid(0, 0);  // one group: the browser and its helpers are killed together
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // and the browser dies with the test
    // The pipes may already sit on fds 3 and 4: move them out of the way first. dup2 clears
    // close-on-exec on the descriptors the browser inherits.
    int in = ::fcntl(to[0], F_DUPFD_CLOEXEC, 10), out = ::fcntl(from[1], F_DUPFD_CLOEXEC, 10);
    int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (err >= 0) ::dup2(err, 2);
    ::dup2(in, 3);
    ::dup2(out, 4);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(to[0]);
  ::close(from[1]);
  to_browser_ = to[1];
  from_browser_ = from[0];
  if (pid_ < 0) throw std::runtime_error("chromium: fork failed");
  try {
    call("Browser.getVersion", json::object(), false);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + "; chromium said:\n" + stderr_tail());
  }
}

HeadlessChromium::~HeadlessChromium() {
  if (pid_ <= 0) return;
  try {
    call("Browser.close", json::object(), false);
  } catch (const std::exception&) {
  }
  ::close(to_browser_);
  ::close(from_browser_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid_, SIGKILL);  // helpers that outlived the browser, if any
}

std::string HeadlessChromium::stderr_tail() const {
  std::ifstream in(profile_dir_ + "/chromium.stderr");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

json HeadlessChromium::next_message(double timeout_s) {
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
  for (;;) {
    size_t nul = pending_.find('\0');
    if (nul != std::string::npos) {
      std::string message = pending_.substr(0, nul);
      pending_.erase(0, nul + 1);
      return json::parse(message);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("chromium: no answer in time");
    pollfd p{from_browser_, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buf[65536];
    ssize_t n = ::read(from_browser_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("chromium: the DevTools pipe closed (browser exited)");
    pending_.append(buf, static_cast<size_t>(n));
  }
}

void HeadlessChromium::handle_event(const json& e) {
  const std::string method = e.value("method", "");
  const json params = e.value("params", json::object());
  if (method == "Page.loadEventFired") {
    loaded_ = true;
  } else if (method == "Runtime.consoleAPICalled") {
    std::string type = params.value("type", "");
    if (type != "error" && type != "assert") return;
    std::string text;
    for (const auto& a : params.value("args", json::array())) {
      text += (text.empty() ? "" : " ") + a.value("value", json(a.value("description", ""))).dump();
    }
    errors_.push_back("console." + type + ": " + text);
  } else if (method == "Runtime.exceptionThrown") {
    errors_.push_back("exception: " + describe_exception(params.value("exceptionDetails", json())));
  } else if (method == "Log.entryAdded") {
    const json entry = params.value("entry", json::object());
    if (entry.value("level", "") != "error") return;
    errors_.push_back(entry.value("source", "log") + ": " + entry.value("text", "") +
                      (entry.contains("url") ? " (" + entry.value("url", "") + ")" : ""));
  }
}

json HeadlessChromium::call(const std::string& method, json params, bool in_page) {
  int64_t id = next_id_++;
  json message = {{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (in_page) message["sessionId"] = session_;
  write_all(to_browser_, message.dump() + std::string(1, '\0'));
  double timeout = method == "Browser.getVersion" ? kStartTimeout : kCallTimeout;
  for (;;) {
    json reply = next_message(timeout);
    if (!reply.contains("id")) {
      handle_event(reply);
      continue;
    }
    if (reply["id"] != id) continue;  // an answer to a call that timed out earlier
    if (reply.contains("error")) {
      throw std::runtime_error("chromium: " + method + ": " + reply["error"].dump());
    }
    return reply.value("result", json::object());
  }
}

void HeadlessChromium::open(const std::string& url, int width, int height) {
  json target = call("Target.createTarget", {{"url", "about:blank"}}, false);
  json attached =
      call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, false);
  session_ = attached["sessionId"];
  for (const char* domain : {"Page.enable", "Runtime.enable", "Log.enable"}) call(domain);
  resize(width, height);
  loaded_ = false;
  json nav = call("Page.navigate", {{"url", url}});
  if (nav.contains("errorText")) {
    throw std::runtime_error("chromium: cannot open " + url + ": " + nav["errorText"].dump());
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!loaded_) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("chromium: " + url + " did not finish loading in 30 s");
    }
    handle_event(next_message(kCallTimeout));
  }
}

void HeadlessChromium::resize(int width, int height) {
  call("Emulation.setDeviceMetricsOverride",
       {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", false}});
}

json HeadlessChromium::evaluate(const std::string& expression) {
  json r = call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}});
  if (r.contains("exceptionDetails")) {
    throw std::runtime_error("chromium: evaluate threw: " +
                             describe_exception(r["exceptionDetails"]));
  }
  return r["result"].value("value", json());
}

std::string HeadlessChromium::screenshot_png(int width, int height) {
  json r =
      call("Page.captureScreenshot",
           {{"format", "png"},
            {"captureBeyondViewport", true},
            {"clip", {{"x", 0}, {"y", 0}, {"width", width}, {"height", height}, {"scale", 1}}}});
  std::vector<unsigned char> bytes = YAML::DecodeBase64(r.value("data", ""));
  return std::string(bytes.begin(), bytes.end());
}

std::pair<int, int> png_size(const std::string& png) {
  static const std::string kSignature = "\x89PNG\r\n\x1a\n";
  if (png.size() < 24 || png.compare(0, 8, kSignature) != 0 || png.compare(12, 4, "IHDR") != 0) {
    return {0, 0};
  }
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(png[at + i]);
    return static_cast<int>(v);
  };
  return {be32(16), be32(20)};
}

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A page with a script that logs an error, an image that cannot load, and a block wider than a
// 1280 px viewport: the driver must see all three.
TEST(HeadlessChromium, SeesConsoleErrorsFailedLoadsOverflowAndTakesScreenshotsOfTheAskedSize) {
  TempHome home;
  std::string page = home.path() + "/broken.html";
  std::ofstream(page) << "<!DOCTYPE html><html><body style=\"margin:0\">"
                         "<img src=\"missing.png\"><script>console.error('boom')</script>"
                         "<div style=\"width:1500px;height:50px\">wide</div></body></html>";
  HeadlessChromium browser(home.path() + "/profile");
  browser.open("file://" + page, 1280, 700);
  std::string all;
  for (const auto& e : browser.errors()) all += e + "\n";
  EXPECT_THAT(all, HasSubstr("console.error: \"boom\""));
  EXPECT_THAT(all, HasSubstr("missing.png"));
  json widths = browser.evaluate(
      "[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
  EXPECT_THAT(widths, ElementsAre(1500, 1280));
  browser.resize(1600, 700);
  EXPECT_EQ(browser.evaluate("document.documentElement.clientWidth"), 1600);
  std::string png = browser.screenshot_png(1600, 900);
  EXPECT_EQ(png_size(png), std::make_pair(1600, 900));
  EXPECT_THROW(browser.evaluate("no_such_function()"), std::runtime_error);
}

TEST(HeadlessChromium, AMissingBrowserIsAClearError) {
  TempHome home;
  setenv("RRT_CHROMIUM", (home.path() + "/no-chromium").c_str(), 1);
  try {
    HeadlessChromium browser(home.path() + "/profile");
    ADD_FAILURE() << "started a browser that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no-chromium not found"));
    EXPECT_THAT(e.what(), HasSubstr("scripts/setup.sh"));
  }
  unsetenv("RRT_CHROMIUM");
}

}  // namespace
}  // namespace rrt::testing

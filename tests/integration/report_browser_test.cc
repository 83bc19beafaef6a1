// The report of a real short sentinel-kill-master run, opened in headless Chromium (Debian's
// chromium package; scripts/setup.sh installs it, and this test fails, not skips, without it)
// at 1280 px and at a phone's 400 px: the page loads without any error the browser reports,
// nothing makes it wider than the window, every picture is drawn, no two texts of a picture
// overlap or stick out of it, and a screenshot of the whole page has the page's size.
//
// The screenshots and the page are kept in report-browser/ under the test's working directory
// (build/ under ctest), for a person to look at.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "headless_chromium.h"
#include "scenario_run.h"
#include "test_support.h"

namespace rrt {
namespace {

using nlohmann::json;
using rrt::testing::HeadlessChromium;
using rrt::testing::png_size;
using rrt::testing::run_scenario_cli;
using rrt::testing::ScenarioRun;
using rrt::testing::TempHome;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

// Measures the laid-out page. Elements inside a scrolling box (a figure, a table of
// operations) may be wider than the window: the box scrolls, not the page.
constexpr const char* kLayoutProbe = R"js((() => {
  const doc = document.documentElement, vw = doc.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.getAttribute('class') ? '.' + e.getAttribute('class').trim().replace(/ +/g, '.') : '');
  const scrolls = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > vw + 0.5 && !scrolls(e)).map(name);
  const svgs = [...document.querySelectorAll('svg[role=img]')];
  const overlaps = [], outside = [];
  let phaseLabels = 0;
  for (const svg of svgs) {
    const title = svg.querySelector('title').textContent;
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '')
        .map(t => ({t: t.textContent, r: t.getBoundingClientRect()}));
    phaseLabels += svg.querySelectorAll('text.phase-label').length;
    for (const a of texts) {
      if (a.r.left < frame.left - 1 || a.r.right > frame.right + 1 ||
          a.r.top < frame.top - 1 || a.r.bottom > frame.bottom + 1) {
        outside.push(title + ': "' + a.t + '"');
      }
    }
    for (let i = 0; i < texts.length; ++i) {
      for (let j = i + 1; j < texts.length; ++j) {
        const a = texts[i].r, b = texts[j].r;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
            a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
          overlaps.push(title + ': "' + texts[i].t + '" and "' + texts[j].t + '"');
        }
      }
    }
  }
  return {
    scrollWidth: doc.scrollWidth, viewport: vw, height: doc.scrollHeight, wide: wide,
    pictures: svgs.length,
    undrawn: svgs.filter(s => s.getBoundingClientRect().width < 100 ||
                              s.getBoundingClientRect().height < 50).length,
    overlaps: overlaps, outside: outside, phaseLabels: phaseLabels,
    downSpans: document.querySelectorAll('#lag svg rect.gap').length,
    listedReads: [...document.querySelectorAll('#operations p')]
        .some(p => p.textContent.includes('read operation'))
  };
})())js";

fs::path keep_dir() {
  fs::path dir = fs::current_path() / "report-browser";
  fs::create_directories(dir);
  return dir;
}

// Lays the page out at `width`, checks it, saves a screenshot; returns the measurements.
json check_layout(HeadlessChromium& browser, int width) {
  browser.resize(width, 800);
  json m = browser.evaluate(kLayoutProbe);
  SCOPED_TRACE("at " + std::to_string(width) + " px");
  EXPECT_EQ(m["viewport"], width);
  EXPECT_LE(m["scrollWidth"], m["viewport"]) << "wider than the window: " << m["wide"].dump(1);
  EXPECT_THAT(m["wide"], IsEmpty());
  EXPECT_EQ(m["undrawn"], 0) << m.dump(1);
  EXPECT_THAT(m["overlaps"], IsEmpty()) << m["overlaps"].dump(1);
  EXPECT_THAT(m["outside"], IsEmpty()) << m["outside"].dump(1);
  int height = m["height"];
  std::string png = browser.screenshot_png(width, height);
  EXPECT_EQ(png_size(png), std::make_pair(width, height));
  EXPECT_GT(png.size(), 20'000u) << "a blank page of this size compresses to a few KB";
  std::ofstream(keep_dir() / ("report-" + std::to_string(width) + ".png"), std::ios::binary) << png;
  return m;
}

TEST(ReportInBrowser, AKillMasterReportLaysOutAt1280AndAt400Pixels) {
  TempHome home;
  HeadlessChromium browser(home.path() + "/chromium");  // first: no chromium, no 20 s run
  // Kill at 2 s, restart at 6 s: a failover, a dead node's lag, the counter's final read.
  ScenarioRun run = run_scenario_cli({"sentinel-kill-master", "--duration", "8s"}, home.path());
  ASSERT_FALSE(run.dir.empty()) << run.command.out << run.command.err;
  fs::copy_file(run.dir + "/report.html", keep_dir() / "report.html",
                fs::copy_options::overwrite_existing);

  browser.open("file://" + run.dir + "/report.html", 1280, 800);
  EXPECT_THAT(browser.errors(), IsEmpty());
  json wide = check_layout(browser, 1280);
  EXPECT_GE(wide["pictures"], 6) << "timeline, incr, add, throughput, errors, lag, anatomy";
  EXPECT_GE(wide["phaseLabels"], 5) << "sdown, odown, ..., first_write_new_master";
  EXPECT_GE(wide["downSpans"], 1) << "the killed master's lag reads as down";
  EXPECT_EQ(wide["listedReads"], true) << "the final reads are listed, not plotted";
  check_layout(browser, 400);
  EXPECT_THAT(browser.errors(), IsEmpty());
}

}  // namespace
}  // namespace rrt

// Implementation of report_in_browser.h (in a *_test.cc file so the test target's glob picks it
// up). ShippedScenario tests call it on the reports of their real runs: sentinel-kill-master
// (failover anatomy, a killed node's lag, the counter's final read) and
// replication-stale-reads (anomalies: the evidence table).
#include "report_in_browser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "headless_chromium.h"
#include "test_support.h"

namespace rrt::testing {

using nlohmann::json;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

namespace {

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
        .some(p => p.textContent.includes('read operation')),
    evidenceRows: document.querySelectorAll('#anomalies table.ops tr').length
  };
})())js";

fs::path keep_dir() {
  fs::path dir = fs::current_path() / "report-browser";
  fs::create_directories(dir);
  return dir;
}

// Lays the page out at `width`, checks it, saves a screenshot; returns the measurements.
json check_layout(HeadlessChromium& browser, int width, const std::string& name) {
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
  std::ofstream(keep_dir() / (name + "-" + std::to_string(width) + ".png"), std::ios::binary)
      << png;
  return m;
}

}  // namespace

json expect_report_lays_out(const std::string& run_dir, const std::string& name) {
  TempHome profile;
  HeadlessChromium browser(profile.path());
  fs::copy_file(run_dir + "/report.html", keep_dir() / (name + ".html"),
                fs::copy_options::overwrite_existing);
  browser.open("file://" + run_dir + "/report.html", 1280, 800);
  json wide = check_layout(browser, 1280, name);
  check_layout(browser, 400, name);
  EXPECT_THAT(browser.errors(), IsEmpty());
  return wide;
}

}  // namespace rrt::testing

// The report's parts: run data parsing, escaping, SVG output and its downsampling, timeline
// extraction, key numbers and JUnit XML.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/duration.h"
#include "base/errors.h"
#include "report/junit.h"
#include "report/markup.h"
#include "report/report_data.h"
#include "report/report_html.h"
#include "report/report_plots.h"
#include "report/report_summary.h"
#include "report/report_timeline.h"
#include "report/svg_plot.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/rrt-report-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ + "/" + name) << text;
    return path_ + "/" + name;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The number of dots in the path of class `cls` ("dot ok", ...).
size_t dots_of(const std::string& svg, const std::string& cls) {
  size_t at = svg.find("class=\"" + cls + "\" d=\"");
  if (at == std::string::npos) return 0;
  size_t end = svg.find('"', svg.find("d=\"", at) + 3);
  return count(svg.substr(at, end - at), "h0");
}

TEST(ReportMarkup, EscapesHtmlAndDropsXmlControlCharacters) {
  EXPECT_EQ(escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  const char raw[] = "ERR\x01 bad\x1b[0m\tok\n";
  EXPECT_EQ(escape_xml(std::string(raw, sizeof raw - 1)), "ERR bad[0m\tok\n");
  EXPECT_EQ(format_duration(3'420'000'000, DurationStyle::kReadable), "3.42 s");
  EXPECT_EQ(format_duration(412'000'000, DurationStyle::kReadable), "412 ms");
}

const char kHistory[] =
    R"({"process":1,"type":"invoke","f":"write","value":1,"time":1000000}
{"process":2,"type":"invoke","f":"read","time":2000000}
{"process":1,"type":"ok","f":"write","value":1,"time":5000000}

{"process":2,"type":"info","f":"read","time":900000000,"error":"timeout"}
{"process":1,"type":"invoke","f":"write","value":2,"time":950000000}
)";

TEST(ReportData, PairsInvocationsWithCompletions) {
  TempDir dir;
  RunData data;
  read_op_samples(dir.write("history.jsonl", kHistory), &data);
  ASSERT_EQ(data.ops.size(), 2u);
  EXPECT_EQ(data.fs, (std::vector<std::string>{"write", "read"}));
  EXPECT_EQ(data.ops[0].start, 1'000'000);
  EXPECT_EQ(data.ops[0].end, 5'000'000);
  EXPECT_EQ(data.ops[0].outcome, OpType::kOk);
  EXPECT_EQ(data.ops[1].outcome, OpType::kInfo);
  EXPECT_EQ(data.fs[data.ops[1].f], "read");
  EXPECT_EQ(data.never_completed, 1);
  EXPECT_EQ(data.end, 950'000'000);
}

TEST(ReportData, MalformedLinesAndMissingFilesNameTheFile) {
  TempDir dir;
  std::string path = dir.write("history.jsonl", std::string(kHistory) + "{\"process\":\"x\"}\n");
  RunData data;
  try {
    read_op_samples(path, &data);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path + ":7: \"process\" must be an integer"));
  }
  try {
    load_run_data(dir.path());
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr(dir.path() + "/results.json: missing"));
  }
  dir.write("results.json", "{\"checks\": [");
  dir.write("events.jsonl", "");
  try {
    load_run_data(dir.path());
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("results.json: not valid JSON"));
  }
}

TEST(SvgPlot, MergeByCellKeepsDistinctPointsAndCapsTheRest) {
  std::vector<Point> spread, pile;
  for (int i = 0; i < 100; ++i) spread.push_back({i * 5.0, 10});
  for (int i = 0; i < 100000; ++i) pile.push_back({i % 900 + 0.5, (i * 7) % 200 + 0.5});
  EXPECT_EQ(merge_by_cell(spread, 2, 1000).size(), 100u);
  EXPECT_EQ(merge_by_cell({{1, 1}, {1.4, 1.2}, {3, 1}}, 2, 1000).size(), 2u);
  std::vector<Point> capped = merge_by_cell(pile, 1, 5000);
  EXPECT_LE(capped.size(), 5000u);
  EXPECT_GT(capped.size(), 1000u);
  EXPECT_EQ(nice_ticks(0, 10, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(tick_text(0.01), "0.01");
  EXPECT_EQ(tick_text(2000), "2000");
  EXPECT_EQ(tick_text(500000), "500k");
  EXPECT_EQ(tick_text(1.5e6), "1.5M");
}

// n ops of f "write", 1 s apart, latency 1 ms, outcomes cycling ok, ok, fail, info.
RunData spaced_run(int n) {
  RunData data;
  data.fs = {"write"};
  for (int i = 0; i < n; ++i) {
    OpType t = i % 4 == 2 ? OpType::kFail : i % 4 == 3 ? OpType::kInfo : OpType::kOk;
    data.ops.push_back({i * kSeconds, i * kSeconds + kMillis, i % 3, t, 0});
  }
  data.end = n * kSeconds;
  return data;
}

TEST(ReportPlots, LatencyPlotHasOneDotPerOperationWhenTheyDoNotOverlap) {
  RunData data = spaced_run(40);
  std::string svg = latency_svg(data, Timeline{}, 0);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(dots_of(svg, "dot ok"), 20u);
  EXPECT_EQ(dots_of(svg, "dot fail"), 10u);
  EXPECT_EQ(dots_of(svg, "dot info"), 10u);
}

TEST(ReportPlots, AMillionOperationsStayASmallPage) {
  RunData data;
  data.fs = {"incr"};
  uint64_t x = 88172645463325252ull;  // xorshift: latencies spread over three decades
  for (int i = 0; i < 1'000'000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    Nanos latency = 50'000 + static_cast<Nanos>(x % 1000) * (x % 7 == 0 ? 100'000 : 500);
    OpType t = x % 97 == 0 ? OpType::kInfo : x % 89 == 0 ? OpType::kFail : OpType::kOk;
    data.ops.push_back({i * 60'000LL, i * 60'000LL + latency, i % 50, t, 0});
  }
  data.end = 60 * kSeconds;
  Timeline t;
  t.faults.push_back({"kill", "redis-1", 10 * kSeconds, 20 * kSeconds, "kill redis-1"});
  std::string latency = latency_svg(data, t, 0);
  EXPECT_LE(dots_of(latency, "dot ok"), kMaxDotsPerOutcome);
  EXPECT_GT(dots_of(latency, "dot ok"), 1000u);
  EXPECT_LT(latency.size(), 400'000u);
  std::string rate = throughput_svg(data, t);
  EXPECT_THAT(rate, HasSubstr("kill redis-1 from 10.000 s to 20.000 s"));
  EXPECT_LT(rate.size(), 100'000u);
}

// A run of 0.35 s (a few hundred operations) gets narrow bins, not four 100 ms points.
TEST(ReportPlots, AShortRunGetsNarrowerRateBins) {
  RunData data;
  data.fs = {"write"};
  for (int i = 0; i < 350; ++i)
    data.ops.push_back({i * kMillis, i * kMillis + 1, 1, OpType::kOk, 0});
  data.end = 350 * kMillis;
  std::string svg = throughput_svg(data, Timeline{});
  EXPECT_THAT(svg, HasSubstr("completions per 5 ms bin"));
  EXPECT_EQ(count(svg, "<polyline class=\"line ok\""), 1u);
  EXPECT_THAT(throughput_svg(spaced_run(40), Timeline{}), HasSubstr("completions per 100 ms bin"));
}

// An event `ms` milliseconds into the run.
Event ev(Nanos ms, std::string source, std::string name, std::string node, nlohmann::json detail) {
  return Event{ms * kMillis, std::move(source), std::move(name), std::move(node),
               std::move(detail)};
}

Events sample_events() {
  return {
      ev(0, "runner", "lab-ready", "",
         {{"nodes",
           {{{"name", "redis-1"}, {"role", "master"}},
            {{"name", "redis-2"}, {"role", "replica"}},
            {{"name", "sentinel-1"}, {"role", "sentinel"}}}}}),
      ev(1000, "nemesis", "kill", "redis-1", {{"phase", "start"}, {"role", "master"}}),
      ev(1100, "observer", "role-change", "redis-1", {{"from", "master"}, {"to", "down"}}),
      ev(1500, "nemesis", "sentinel-failover", "", {{"phase", "start"}}),
      ev(2000, "sentinel", "+sdown", "127.0.0.1:7004", {{"message", "master mymaster x 7000"}}),
      ev(2001, "sentinel", "+sdown", "127.0.0.1:7005", {{"message", "master mymaster x 7000"}}),
      ev(2100, "sentinel", "__sentinel__:hello", "127.0.0.1:7005", {{"message", "hi"}}),
      ev(3000, "observer", "role-change", "redis-2", {{"from", "replica"}, {"to", "master"}}),
      ev(3200, "observer", "offsets", "", {{"redis-1", 100}, {"redis-2", 160}}),
      ev(4000, "nemesis", "kill", "redis-1", {{"phase", "stop"}}),
      ev(4500, "nemesis", "pause", "redis-2", {{"phase", "start"}}),
      ev(4800, "runner", "healed", "", nlohmann::json::object()),
  };
}

TEST(ReportTimeline, PairsFaultsFollowsRolesAndDedupesSentinelMessages) {
  Timeline t = build_timeline(sample_events(), 5 * kSeconds);
  ASSERT_EQ(t.faults.size(), 3u);
  EXPECT_EQ(t.faults[0].label, "kill redis-1 (master)");
  EXPECT_EQ(t.faults[0].to, 4000 * kMillis);
  EXPECT_EQ(t.faults[1].verb, "sentinel-failover");
  EXPECT_EQ(t.faults[1].to, t.faults[1].from) << "nothing to undo: an instant";
  EXPECT_EQ(t.faults[2].to, 4800 * kMillis) << "open until healed";
  ASSERT_EQ(t.roles.size(), 2u) << "sentinels have no role lane";
  ASSERT_EQ(t.roles["redis-1"].size(), 2u);
  EXPECT_EQ(t.roles["redis-1"][0].role, "master");
  EXPECT_EQ(t.roles["redis-1"][0].to, 1100 * kMillis);
  EXPECT_EQ(t.roles["redis-1"][1].role, "down");
  EXPECT_EQ(t.roles["redis-2"].back().role, "master");
  EXPECT_EQ(t.roles["redis-2"].back().to, 5 * kSeconds);
  ASSERT_EQ(t.sentinel.size(), 1u);
  EXPECT_EQ(t.sentinel[0].name, "+sdown");
  EXPECT_EQ(t.lag["redis-1"].back().back().second, 60);
}

// Text boxes of the elements of class `cls` in an svg, estimated as SvgPlot estimates them:
// {x0, x1, baseline}.
struct Box {
  double x0, x1, y;
  std::string text;
};
std::vector<Box> text_boxes(const std::string& svg, const std::string& cls, double font_px) {
  std::vector<Box> out;
  const std::string open = "<text class=\"" + cls;
  for (size_t at = svg.find(open); at != std::string::npos; at = svg.find(open, at + 1)) {
    auto attr = [&](const std::string& name) {
      size_t v = svg.find(" " + name + "=\"", at) + name.size() + 3;
      return svg.substr(v, svg.find('"', v) - v);
    };
    size_t from = svg.find('>', at) + 1;
    std::string text = svg.substr(from, svg.find('<', from) - from);
    double x = std::stod(attr("x")), w = text_width(text, font_px);
    bool end = attr("text-anchor") == "end";
    out.push_back({end ? x - w : x, end ? x : x + w, std::stod(attr("y")), text});
  }
  return out;
}

void expect_no_overlap(const std::vector<Box>& boxes, double font_px) {
  for (size_t i = 0; i < boxes.size(); ++i) {
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      const Box &a = boxes[i], &b = boxes[j];
      bool overlap = std::fabs(a.y - b.y) < font_px && a.x0 < b.x1 && b.x0 < a.x1;
      EXPECT_FALSE(overlap) << a.text << " [" << a.x0 << ", " << a.x1 << "] y " << a.y << " and "
                            << b.text << " [" << b.x0 << ", " << b.x1 << "] y " << b.y;
    }
  }
}

// The phases of a real sentinel-kill-master run: promoted_slave, switch_master and
// first_write_new_master within 90 ms of each other, odown and try_failover at the same ms.
TEST(ReportPlots, FailoverAnatomyLabelsDoNotOverlapAndStayInThePicture) {
  nlohmann::json failover = nlohmann::json::parse(R"({"phases": {
      "sdown": 1079, "odown": 1157, "try_failover": 1157, "elected_leader": 1229,
      "promoted_slave": 2178, "switch_master": 2257, "first_write_new_master": 2265,
      "failover_end": 3303}, "outage": {"ms": 2265, "from_ms": 0, "to_ms": 2265}})");
  std::string svg = anatomy_svg(failover);
  std::vector<Box> labels = text_boxes(svg, "top-label phase-label", 10);
  ASSERT_EQ(labels.size(), 8u) << svg;
  expect_no_overlap(labels, 10);
  for (const Box& b : labels) {
    EXPECT_GE(b.x0, 0) << b.text;
    EXPECT_LE(b.x1, Frame{}.width) << b.text;
    EXPECT_GT(b.y, 0) << b.text;
  }
}

TEST(SvgPlot, StackInRowsKeepsBoxesApartLeadersClearAndTextInside) {
  std::vector<RowText> texts = {{100, 80}, {120, 80}, {122, 120}, {300, 50}, {940, 60}, {910, 40}};
  std::vector<RowBox> boxes = stack_in_rows(texts, 958, 6);
  ASSERT_EQ(boxes.size(), texts.size());
  for (size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_LE(boxes[i].x1, 958) << i;
    EXPECT_DOUBLE_EQ(boxes[i].anchor_end ? boxes[i].x1 : boxes[i].x0, texts[i].x) << i;
    for (size_t j = 0; j < boxes.size(); ++j) {
      if (i == j) continue;
      if (boxes[i].row == boxes[j].row) {
        EXPECT_TRUE(boxes[i].x1 + 6 <= boxes[j].x0 || boxes[j].x1 + 6 <= boxes[i].x0) << i << j;
      }
      // i's leader goes down from its row through the rows below: not through their text.
      if (boxes[j].row < boxes[i].row && !boxes[j].anchor_end) {
        EXPECT_FALSE(boxes[j].x0 + 1 < texts[i].x && texts[i].x < boxes[j].x1 - 1) << i << j;
      }
    }
  }
  EXPECT_EQ(boxes[3].row, 0) << "nothing near it";
  EXPECT_TRUE(boxes[4].anchor_end) << "would run past the right edge";
  EXPECT_EQ(fit_text("a long label", 40, 10), "a lon…");
  EXPECT_EQ(fit_text("short", 400, 10), "short");
  EXPECT_EQ(fit_text("anything", 12, 10), "");
}

// A node killed at 1.5 s and back (empty) at 4 s: no offset in between, so its lag line stops
// and starts again, and the span is shaded and labelled "down", not drawn as growing lag.
TEST(ReportPlots, ADownNodeIsAGapInItsLagLineAndAShadedSpan) {
  Events events = {
      ev(0, "runner", "lab-ready", "",
         {{"nodes",
           {{{"name", "redis-1"}, {"role", "master"}},
            {{"name", "redis-2"}, {"role", "replica"}}}}}),
      ev(1000, "observer", "offsets", "", {{"redis-1", 100}, {"redis-2", 100}}),
      ev(1500, "observer", "role-change", "redis-1", {{"from", "master"}, {"to", "down"}}),
      ev(2000, "observer", "offsets", "", {{"redis-2", 300}}),
      ev(3000, "observer", "offsets", "", {{"redis-2", 500}}),
      ev(4000, "observer", "role-change", "redis-1", {{"from", "down"}, {"to", "master"}}),
      ev(4000, "observer", "offsets", "", {{"redis-1", 0}, {"redis-2", 600}}),
      ev(5000, "observer", "offsets", "", {{"redis-1", 0}, {"redis-2", 700}}),
  };
  Timeline t = build_timeline(events, 6 * kSeconds);
  ASSERT_EQ(t.lag["redis-1"].size(), 2u) << "one run before the kill, one after the restart";
  EXPECT_EQ(t.lag["redis-1"][0].size(), 1u);
  EXPECT_EQ(t.lag["redis-1"][1].front().first, 4000 * kMillis);
  EXPECT_EQ(t.lag["redis-2"].size(), 1u);
  RunData data;
  data.end = 6 * kSeconds;
  std::string svg = lag_svg(data, t);
  EXPECT_EQ(count(svg, "<polyline class=\"line c0"), 1u) << "redis-1: only after the restart";
  EXPECT_EQ(count(svg, "<polyline class=\"line c0 as-master\""), 1u) << "back as a master";
  EXPECT_EQ(count(svg, "class=\"dot c0\""), 1u) << "redis-1's lone sample before the kill";
  EXPECT_EQ(count(svg, "<polyline class=\"line c1\""), 1u) << "redis-2: one line";
  EXPECT_EQ(count(svg, "<rect class=\"gap\""), 1u);
  EXPECT_THAT(svg, HasSubstr(">redis-1 down<"));
  EXPECT_THAT(svg, HasSubstr("redis-1 down from 1.500 s to 4.000 s"));
}

nlohmann::json sample_results() {
  return nlohmann::json::parse(R"({
    "scenario": "demo<&>", "verdict": "fail", "interrupted": false, "duration_ms": 5000,
    "checks": [
      {"name": "set", "verdict": "invalid", "lost": 118, "summary": "118 of 500 acknowledged adds lost",
       "explanation": "lost: 4 7 <9>", "evidence": [{"process": 3, "type": "ok", "f": "add", "value": 4, "time": 1000}]},
      {"name": "counter", "verdict": "valid", "summary": "fine"},
      {"name": "register", "verdict": "unknown", "summary": "budget"}],
    "failover": {"failovers": [{"fault": "kill", "node": "redis-1", "new_master": "127.0.0.1:7001",
      "phases": {"sdown": 1000, "switch_master": 2500},
      "outage": {"ms": 3420, "from_ms": -10, "to_ms": 3410}}]}})");
}

TEST(ReportSummary, KeyNumbersInPlainWords) {
  RunData data = spaced_run(8);
  data.results = sample_results();
  std::vector<std::string> lines = run_numbers(data);
  EXPECT_THAT(lines, ::testing::Contains("118 acknowledged set additions were lost"));
  EXPECT_THAT(lines, ::testing::Contains("writes were refused for 3.42 s"));
  EXPECT_THAT(lines.back(), HasSubstr("8 operations in 8.0 s: 4 ok, 2 failed, 2 unknown"));
}

TEST(ReportHtml, FailoverPhasesAreListedInTheOrderTheyHappened) {
  RunData data = spaced_run(20);
  data.results = nlohmann::json::parse(R"({"failover": {"failovers": [{"phases":
      {"switch_master": 2257, "sdown": 1079, "odown": 1157, "first_write_new_master": 2265}}]}})");
  std::string html = report_html(data);
  size_t sdown = html.find("<td>sdown</td>"), odown = html.find("<td>odown</td>");
  size_t sw = html.find("<td>switch_master</td>"), first = html.find("<td>first_write_new_master");
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(sdown, odown);
  EXPECT_LT(odown, sw);
  EXPECT_LT(sw, first);
}

// The counter and set workloads read each key once, after the faults: a plot of 2 reads is two
// dots at its right edge. They are listed instead; the writes still get their plot.
TEST(ReportHtml, KindsWithTooFewOperationsToPlotAreListed) {
  RunData data = spaced_run(40);
  data.fs.push_back("read");
  data.ops.push_back({40 * kSeconds, 40 * kSeconds + 3 * kMillis, 7, OpType::kOk, 1});
  data.ops.push_back({40 * kSeconds, 40 * kSeconds + kMillis / 2, 8, OpType::kInfo, 1});
  data.end = 41 * kSeconds;
  data.results = nlohmann::json::object();
  data.events = {Event{kSeconds, "nemesis", "kill", "redis-1", {{"phase", "start"}}},
                 Event{5 * kSeconds, "nemesis", "kill", "redis-1", {{"phase", "stop"}}}};
  std::string html = report_html(data);
  EXPECT_THAT(html, HasSubstr("latency of write operations"));
  EXPECT_THAT(html, Not(HasSubstr("latency of read operations")));
  EXPECT_THAT(html, HasSubstr("Only 2 read operations: too few to plot, so each is listed. All "
                              "started after the last fault had ended."));
  EXPECT_THAT(html, HasSubstr("<tr><td>40.000</td><td>3 ms</td><td>ok</td><td>7</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<td>info (unknown)</td><td>8</td>"));
}

TEST(ReportHtml, IsSelfContainedAndNamesEveryCheck) {
  RunData data = spaced_run(8);
  data.results = sample_results();
  data.events = sample_events();
  std::string html = report_html(data);
  EXPECT_THAT(html, HasSubstr("demo&lt;&amp;&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("demo<&>")));
  for (const char* check : {"set", "counter", "register"}) EXPECT_THAT(html, HasSubstr(check));
  EXPECT_THAT(html, HasSubstr("lost: 4 7 &lt;9&gt;"));
  EXPECT_GE(count(html, "<svg"), 4u);  // timeline, latency, throughput, error rate, anatomy
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("http:")));
  EXPECT_THAT(html, Not(HasSubstr("https:")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
}

TEST(ReportHtml, LinksTheHistoryFileTheRunWrote) {
  RunData data = spaced_run(8);
  data.results = sample_results();
  EXPECT_THAT(report_html(data), HasSubstr("href=\"history.jsonl\""));
  data.history_file = "history.rrth";  // a run with --history-format compact
  std::string html = report_html(data);
  EXPECT_THAT(html, HasSubstr("href=\"history.rrth\""));
  EXPECT_THAT(html, Not(HasSubstr("history.jsonl")));
}

TEST(Junit, OneTestcasePerCheckWithFailuresAndErrors) {
  std::string xml = junit_xml(sample_results());
  EXPECT_EQ(count(xml, "<testcase "), 3u);
  EXPECT_EQ(count(xml, "<failure "), 1u);
  EXPECT_EQ(count(xml, "<error "), 1u);
  EXPECT_THAT(xml, HasSubstr("tests=\"3\" failures=\"1\" errors=\"1\""));
  EXPECT_THAT(xml, HasSubstr("classname=\"rrt.demo&lt;&amp;&gt;\" name=\"set\""));
  EXPECT_THAT(xml, HasSubstr("lost: 4 7 &lt;9&gt;"));
  nlohmann::json interrupted = sample_results();
  interrupted["interrupted"] = true;
  EXPECT_EQ(count(junit_xml(interrupted), "<testcase "), 4u);
}

}  // namespace
}  // namespace rrt

#include "run/tour.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "base/clock.h"
#include "base/errors.h"
#include "report/markup.h"

namespace rrt {

const std::vector<TourStop>& tour_stops() {
  static const std::vector<TourStop> stops = {
      {"replication-stale-reads",
       "Replication is asynchronous: an acknowledged write reaches the replicas a little later. "
       "Read from a replica right after a write and you can get the old value.",
       {20, 200, ""}},
      {"sentinel-manual-failover",
       "Even a planned failover refuses writes for a moment, and clients that do not follow "
       "+switch-master keep writing to the old master until it is demoted.",
       {0, 0, "10s"}},
      {"sentinel-kill-master",
       "A dead master costs about down-after-milliseconds plus a second or two of refused "
       "writes; the restarted node comes back as master, empty, until Sentinel demotes it.",
       {}},
      {"sentinel-pause-master",
       "A paused master wakes up believing it is still master: patient clients write to it "
       "until Sentinel demotes it, and those acknowledged writes are thrown away.",
       {}},
      {"sentinel-quorum-loss",
       "Sentinel needs a quorum to agree that the master is down, and a majority to elect a "
       "leader: with too few sentinels nothing fails over, however long the master is dead.",
       {}},
      {"sentinel-partition-split-brain",
       "Under a partition the old master keeps acknowledging writes on the minority side; when "
       "the partition heals it becomes a replica and those writes are lost.",
       {},
       true},
      {"persistence-off-auto-restart",
       "A master without persistence that restarts faster than Sentinel notices comes back "
       "empty, and its replicas faithfully copy the emptiness: turn persistence on, or keep "
       "a crashed master down until a failover has happened.",
       {}},
      {"cluster-kill-master",
       "Redis Cluster fails over by itself, without sentinels: the dead master's slots refuse "
       "writes for about cluster-node-timeout plus a second, while the other shards carry on.",
       {}},
  };
  return stops;
}

namespace {

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
    "padding:.5rem;vertical-align:top;text-align:left}.pass{color:#17692c}.fail{color:#a11}"
    ".unknown,.skipped{color:#777}ul{margin:.2rem 0;padding-left:1.2rem}";

std::string row(const std::string& dir, const TourEntry& e) {
  std::string links = "";
  if (!e.run_dir.empty()) {
    std::string rel = std::filesystem::relative(e.run_dir, dir).string();
    links = fmt::format(
        "<a href=\"{0}/report.html\">report</a> · "
        "<a href=\"{0}/results.json\">results.json</a>",
        escape_html(rel));
  }
  std::string numbers;
  for (const auto& n : e.numbers) numbers += "<li>" + escape_html(n) + "</li>";
  std::string cls = e.status.rfind("skipped", 0) == 0 ? "skipped" : e.status;
  return fmt::format(
      "<tr><td><b>{}</b><br>{}</td><td class=\"{}\">{}</td><td><ul>{}</ul><p>{}</p></td></tr>\n",
      escape_html(e.scenario), links, escape_html(cls), escape_html(e.status), numbers,
      escape_html(e.takeaway));
}

}  // namespace

void write_tour_index(const std::string& dir, const std::vector<TourEntry>& entries) {
  std::string rows;
  for (const auto& e : entries) rows += row(dir, e);
  std::string path = dir + "/index.html";
  std::ofstream out(path);
  out << fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>rrt tour</title><style>{}</style></head><body>\n"
      "<h1>The rrt tour</h1>\n<p>Each exercise ran on a fresh local lab ({}). "
      "\"fail\" means the checks found what the exercise sets out to show.</p>\n"
      "<table><tr><th>exercise</th><th>verdict</th><th>what happened</th></tr>\n{}</table>\n"
      "</body></html>\n",
      kStyle, escape_html(format_wall_time(wall_ns())), rows);
  if (!out) throw EnvironmentError("cannot write " + path);
}

}  // namespace rrt

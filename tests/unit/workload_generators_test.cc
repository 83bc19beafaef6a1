// The scenario workloads' generators (load/generator.h): which operations they ask the engine
// for, how they read replies into the history, and when they end. No server: a generator never
// touches a connection (the engine's clients do, tested with real servers by the scenario tests).
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <set>

#include "resp/command.h"
#include "resp_bytes.h"
#include "workload/counter_workload.h"
#include "workload/register_workload.h"
#include "workload/set_workload.h"
#include "workload/stale_reads_workload.h"

namespace rrt {
namespace {

// The result of one complete RESP reply, parsed by hiredis as Connection parses it.
CallResult reply(const std::string& bytes) {
  return classify_reply(rrt::testing::parse_resp(bytes));
}

std::string encoded(std::initializer_list<std::string_view> args) {
  std::string out;
  append_command(args, &out);
  return out;
}

// One next() with a fresh request buffer and Step.
struct Asked {
  bool more;
  std::string request;
  Op op;
  Step step;
};
Asked ask(Generator& g) {
  Asked a;
  a.more = g.next(&a.request, &a.op, &a.step);
  return a;
}

TEST(CounterGenerator, IncrementsItsKeyOpsTimesThenEnds) {
  CounterGenerator g("rrt:counter:0", 3);
  for (int i = 0; i < 3; ++i) {
    Asked a = ask(g);
    ASSERT_TRUE(a.more);
    EXPECT_EQ(a.request, encoded({"INCR", "rrt:counter:0"}));
    EXPECT_EQ(a.op.f, "incr");
    EXPECT_EQ(a.op.key, "rrt:counter:0");
    EXPECT_EQ(a.op.value, Value::of(1));
    EXPECT_EQ(a.step.route, Route::kMaster);
    CallResult r = reply(":7\r\n");
    g.complete(&r, &a.op);
    EXPECT_EQ(a.op.value, Value::of(1));  // the increment, not the counter's new value
  }
  EXPECT_FALSE(ask(g).more);
}

TEST(CounterGenerator, WithoutAnOpsBoundItNeverEnds) {
  CounterGenerator g("k", 0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(ask(g).more);
}

TEST(RegisterGenerator, WritesUniqueIncreasingValuesSharedByItsClients) {
  RegisterGenerator::Options o;
  o.prefix = "p:";
  o.keys = 3;
  o.reads = 0;
  auto values = std::make_shared<std::atomic<int64_t>>(1);
  RegisterGenerator a(o, values, 1), b(o, values, 2);
  std::set<int64_t> seen;
  std::set<std::string> keys;
  for (int i = 0; i < 50; ++i) {
    Asked x = ask(i % 2 ? a : b);
    ASSERT_EQ(x.op.f, "write");
    EXPECT_EQ(x.request, encoded({"SET", x.op.key, std::to_string(x.op.value.integer)}));
    EXPECT_TRUE(seen.insert(x.op.value.integer).second) << "value written twice";
    keys.insert(x.op.key);
  }
  EXPECT_EQ(*seen.begin(), 1);
  EXPECT_EQ(*seen.rbegin(), 50);
  EXPECT_EQ(keys, (std::set<std::string>{"p:register:0", "p:register:1", "p:register:2"}));
}

TEST(RegisterGenerator, ReadsGoToReplicasWhenAskedAndRecordWhatTheyRead) {
  RegisterGenerator::Options o;
  o.reads = 1;
  o.replica_reads = true;
  o.ops = 3;
  RegisterGenerator g(o, std::make_shared<std::atomic<int64_t>>(1), 7);
  Asked a = ask(g);
  ASSERT_EQ(a.op.f, "read");
  EXPECT_EQ(a.request, encoded({"GET", a.op.key}));
  EXPECT_EQ(a.step.route, Route::kReplica);
  EXPECT_TRUE(a.op.value.is_nil());
  CallResult r = reply("$2\r\n42\r\n");
  g.complete(&r, &a.op);
  EXPECT_EQ(a.op.value, Value::of(42));

  a = ask(g);
  CallResult nil = reply("$-1\r\n");
  g.complete(&nil, &a.op);
  EXPECT_TRUE(a.op.value.is_nil());

  a = ask(g);
  CallResult timeout = unknown_after_send("timeout", "no reply");
  g.complete(&timeout, &a.op);
  EXPECT_TRUE(a.op.value.is_nil());  // nothing read
  EXPECT_EQ(timeout.outcome, Outcome::kInfo);
  EXPECT_FALSE(ask(g).more);  // ops: 3
}

TEST(SetGenerator, ClientsAddDisjointElements) {
  SetGenerator a("s", 0, 3, 0, {}), c("s", 2, 3, 0, {});
  std::vector<int64_t> got;
  for (int i = 0; i < 3; ++i) got.push_back(ask(a).op.value.integer);
  for (int i = 0; i < 3; ++i) got.push_back(ask(c).op.value.integer);
  EXPECT_EQ(got, (std::vector<int64_t>{0, 3, 6, 2, 5, 8}));
  Asked x = ask(a);
  EXPECT_EQ(x.request, encoded({"SADD", "s", "9"}));
  EXPECT_EQ(x.op.f, "add");
  EXPECT_TRUE(x.step.then.empty());  // no WAIT unless asked
}

TEST(SetGenerator, WaitFollowsEachAddAndAShortReplyMakesItInfo) {
  SetGenerator::Wait wait;
  wait.replicas = 2;
  wait.timeout = 150 * kMillis;
  SetGenerator g("s", 1, 4, 2, wait);
  Asked x = ask(g);
  EXPECT_EQ(x.step.then, encoded({"WAIT", "2", "150"}));

  CallResult enough = reply(":2\r\n");
  g.complete(&enough, &x.op);
  EXPECT_TRUE(enough.ok());
  EXPECT_EQ(x.op.value, Value::of(1));

  x = ask(g);
  CallResult short_of = reply(":1\r\n");
  g.complete(&short_of, &x.op);
  EXPECT_EQ(short_of.outcome, Outcome::kInfo);
  EXPECT_EQ(short_of.error, "wait-unreplicated");
  EXPECT_EQ(x.op.value, Value::of(5));  // the element stays the value recorded
  EXPECT_FALSE(ask(g).more);
}

TEST(StaleReadsGenerator, ReadsFromTheReplicaOnlyAfterAnAcknowledgedWrite) {
  PairStats stats;
  StaleReadsGenerator g("k", 3, &stats);
  Asked w = ask(g);
  EXPECT_EQ(w.op.f, "write");
  EXPECT_EQ(w.request, encoded({"SET", "k", "1"}));
  EXPECT_EQ(w.step.route, Route::kMaster);
  EXPECT_EQ(w.step.lane, 0);
  CallResult refused = failed_before_send("connect-refused", "no");
  g.complete(&refused, &w.op);

  w = ask(g);  // the failed write is not read back: the next round writes again
  EXPECT_EQ(w.request, encoded({"SET", "k", "2"}));
  CallResult ok = reply("+OK\r\n");
  g.complete(&ok, &w.op);
  EXPECT_EQ(w.op.value, Value::of(2));

  Asked r = ask(g);
  EXPECT_EQ(r.op.f, "read");
  EXPECT_EQ(r.request, encoded({"GET", "k"}));
  EXPECT_EQ(r.step.route, Route::kReplica);
  EXPECT_EQ(r.step.lane, 1);  // the reader's own history process
  CallResult old = reply("$1\r\n1\r\n");
  g.complete(&old, &r.op);
  EXPECT_EQ(r.op.value, Value::of(1));

  w = ask(g);
  EXPECT_EQ(w.request, encoded({"SET", "k", "3"}));
  g.complete(&ok, &w.op);
  r = ask(g);
  CallResult fresh = reply("$1\r\n3\r\n");
  g.complete(&fresh, &r.op);
  EXPECT_FALSE(ask(g).more);  // 3 rounds

  EXPECT_EQ(stats.writes_ok, 2);
  EXPECT_EQ(stats.reads, 2);
  EXPECT_EQ(stats.stale, 1);
  EXPECT_EQ(stats.errors, 1);
}

}  // namespace
}  // namespace rrt

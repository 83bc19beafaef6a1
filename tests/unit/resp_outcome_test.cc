// Outcome classification (resp/outcome.h): which replies and failures are `ok`, which are
// `fail` (certainly not applied) and which are `info` (unknown).
//
// Replies are parsed from raw RESP by hiredis, exactly as Connection parses them. The failures on
// our side of the wire (refused connect, silence, a peer vanishing after the request was sent)
// are produced on loopback by a bare TCP peer standing in for a broken host or network; Redis's
// own error replies come from the RESP bytes Redis sends (and, against real servers, from the
// integration tests).
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <thread>

#include "resp/outcome.h"
#include "resp/sync_client.h"
#include "resp_bytes.h"

namespace rrt {
namespace {

using rrt::testing::parse_resp;

CallResult classify(const std::string& bytes) {
  return classify_reply(parse_resp(bytes));
}

TEST(Outcome, SuccessRepliesAreOk) {
  for (const char* resp : {"+OK\r\n", "$5\r\nhello\r\n", ":42\r\n", "*2\r\n:1\r\n$1\r\na\r\n",
                           "$0\r\n\r\n", "*0\r\n"}) {
    CallResult r = classify(resp);
    EXPECT_EQ(r.outcome, Outcome::kOk) << resp;
    EXPECT_TRUE(r.ok()) << resp;
    EXPECT_EQ(r.error, "") << resp;
  }
  EXPECT_EQ(classify("$5\r\nhello\r\n").reply.str(), "hello");
}

TEST(Outcome, NilIsAnOkAnswerNotAFailure) {
  // GET of a missing key: the server answered; the value read is "absent".
  CallResult r = classify("$-1\r\n");
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_TRUE(r.reply.is_nil());
}

TEST(Outcome, RedisRejectionsAreDefiniteFailures) {
  struct Case {
    const char* resp;
    const char* kind;
  };
  const Case cases[] = {
      {"-READONLY You can't write against a read only replica.\r\n", "READONLY"},
      {"-LOADING Redis is loading the dataset in memory\r\n", "LOADING"},
      {"-NOREPLICAS Not enough good replicas to write.\r\n", "NOREPLICAS"},
      {"-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.\r\n",
       "MASTERDOWN"},
      {"-MOVED 3999 127.0.0.1:6381\r\n", "MOVED"},
      {"-TRYAGAIN Multiple keys request during rehashing of slot\r\n", "TRYAGAIN"},
      {"-CLUSTERDOWN The cluster is down\r\n", "CLUSTERDOWN"},
      {"-OOM command not allowed when used memory > 'maxmemory'.\r\n", "OOM"},
      {"-NOAUTH Authentication required.\r\n", "NOAUTH"},
      {"-ERR unknown command 'FOO'\r\n", "ERR"},
  };
  for (const Case& c : cases) {
    CallResult r = classify(c.resp);
    EXPECT_EQ(r.outcome, Outcome::kFail) << c.resp;
    EXPECT_FALSE(r.ok()) << c.resp;
    EXPECT_EQ(r.error, c.kind) << c.resp;
    // The detail keeps the whole text for people (the Redis message, without CRLF).
    std::string text = c.resp;
    EXPECT_EQ(r.detail, text.substr(1, text.size() - 3));
    EXPECT_TRUE(r.reply.is_error());
  }
}

TEST(Outcome, ErrorKindIsTheFirstWord) {
  EXPECT_EQ(error_kind("READONLY You can't write"), "READONLY");
  EXPECT_EQ(error_kind("NOAUTH"), "NOAUTH");
  EXPECT_EQ(error_kind(""), "");
}

TEST(Outcome, OurSideOfTheWire) {
  CallResult before = failed_before_send("connect-refused", "cannot connect to 127.0.0.1:1");
  EXPECT_EQ(before.outcome, Outcome::kFail);
  EXPECT_EQ(before.error, "connect-refused");
  CallResult after = unknown_after_send("timeout", "no reply from 127.0.0.1:1");
  EXPECT_EQ(after.outcome, Outcome::kInfo);
  EXPECT_EQ(after.error, "timeout");
  EXPECT_FALSE(after.ok());
}

// A loopback TCP listener on a free port; with `accept_one`, a thread accepts one connection and
// hands it to `behave` (which decides what a broken server does with it).
class Peer {
 public:
  Peer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(listen(fd_, 4), 0);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~Peer() {
    shutdown(fd_, SHUT_RDWR);  // wakes a blocked accept()
    if (thread_.joinable()) thread_.join();
    close(fd_);
  }
  template <typename F>
  void accept_one(F behave) {
    thread_ = std::thread([this, behave] {
      int conn = accept(fd_, nullptr, nullptr);
      if (conn < 0) return;
      behave(conn);
      close(conn);
    });
  }
  int port() const { return port_; }
  // Closes the listener: connections to the port are then refused.
  void stop_listening() {
    close(fd_);
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// Reads until `n` bytes arrived or the peer closed.
std::string read_bytes(int fd, size_t n) {
  std::string got;
  char buf[256];
  while (got.size() < n) {
    ssize_t k = read(fd, buf, sizeof buf);
    if (k <= 0) break;
    got.append(buf, k);
  }
  return got;
}

const std::string kSetRequest = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";

TEST(OutcomeOnTheWire, RefusedConnectionIsAFailureNamingTheAddress) {
  Peer peer;
  peer.stop_listening();
  SyncClient client;
  CallResult r = client.connect({"127.0.0.1", peer.port()}, {"", "", 0, 500 * kMillis});
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.error, "connect-refused");
  EXPECT_NE(r.detail.find("127.0.0.1:" + std::to_string(peer.port())), std::string::npos)
      << r.detail;
  // Nothing was sent, so a call on the unconnected client is a failure too.
  CallResult call = client.call({"SET", "k", "v"}, 100 * kMillis);
  EXPECT_EQ(call.outcome, Outcome::kFail);
  EXPECT_EQ(call.error, "not-connected");
}

TEST(OutcomeOnTheWire, SilenceAfterSendIsUnknownAndEndsAtTheDeadline) {
  Peer peer;
  peer.accept_one([](int conn) { read_bytes(conn, kSetRequest.size() + 1); });  // never answers
  SyncClient client;
  ASSERT_TRUE(client.connect({"127.0.0.1", peer.port()}).ok());
  Nanos start = mono_ns();
  CallResult r = client.call({"SET", "k", "v"}, 150 * kMillis);
  Nanos took = mono_ns() - start;
  EXPECT_EQ(r.outcome, Outcome::kInfo);
  EXPECT_EQ(r.error, "timeout");
  EXPECT_GE(took, 140 * kMillis);
  EXPECT_LT(took, 1000 * kMillis);
  // A late reply must not be taken for the next request's answer: the connection is closed.
  EXPECT_FALSE(client.is_open());
  client.close();
}

TEST(OutcomeOnTheWire, PeerVanishingAfterSendIsUnknown) {
  Peer peer;
  std::string received;
  peer.accept_one([&](int conn) {
    received = read_bytes(conn, kSetRequest.size());
    linger hard{1, 0};  // close with RST: a crashed host's kernel, not a polite FIN
    setsockopt(conn, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  });
  SyncClient client;
  ASSERT_TRUE(client.connect({"127.0.0.1", peer.port()}).ok());
  CallResult r = client.call({"SET", "k", "v"}, 2 * kSeconds);
  EXPECT_EQ(r.outcome, Outcome::kInfo);
  EXPECT_EQ(r.error, "connection-lost");
  EXPECT_EQ(received, kSetRequest);  // the request did reach the server: it may have applied
}

TEST(OutcomeOnTheWire, PipelineCutShortKeepsTheRepliesItGot) {
  Peer peer;
  peer.accept_one([](int conn) {
    read_bytes(conn, 3 * kSetRequest.size());
    std::string replies = "+OK\r\n-READONLY You can't write against a read only replica.\r\n";
    EXPECT_EQ(write(conn, replies.data(), replies.size()), static_cast<ssize_t>(replies.size()));
  });  // then closes before the third reply
  asio::io_context io;
  Connection conn(io.get_executor());
  std::string encoded;
  for (int i = 0; i < 3; ++i) append_command({"SET", "k", "v"}, &encoded);
  std::vector<CallResult> results;
  CallResult connected;
  Endpoint endpoint{"127.0.0.1", peer.port()};  // outside the coroutine: see g++ 12 note
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        connected = co_await conn.connect(endpoint, ConnectOptions());
        if (connected.ok()) co_await conn.pipeline(encoded, 3, 2 * kSeconds, &results);
      },
      asio::detached);
  io.run();
  ASSERT_TRUE(connected.ok()) << connected.detail;
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].outcome, Outcome::kOk);
  EXPECT_EQ(results[1].outcome, Outcome::kFail);
  EXPECT_EQ(results[1].error, "READONLY");
  EXPECT_EQ(results[2].outcome, Outcome::kInfo);
  EXPECT_EQ(results[2].error, "connection-lost");
}

TEST(OutcomeOnTheWire, WaitingForAPushThatDoesNotComeKeepsTheConnection) {
  Peer peer;
  peer.accept_one([](int conn) { read_bytes(conn, 1); });  // holds the connection open
  SyncClient client;
  ASSERT_TRUE(client.connect({"127.0.0.1", peer.port()}).ok());
  CallResult r = client.next_reply(100 * kMillis);
  EXPECT_EQ(r.outcome, Outcome::kInfo);
  EXPECT_EQ(r.error, "timeout");
  EXPECT_TRUE(client.is_open());  // nothing was sent, nothing can be misattributed
  client.close();
}

}  // namespace
}  // namespace rrt

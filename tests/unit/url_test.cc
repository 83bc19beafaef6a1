#include "resp/url.h"

#include <gtest/gtest.h>

#include "base/errors.h"

namespace rrt {
namespace {

TEST(RedisUrl, ParsesFullUrl) {
  RedisUrl url = parse_redis_url("redis://alice:s3cret@10.0.0.5:7001/3");
  EXPECT_EQ(url.endpoint.host, "10.0.0.5");
  EXPECT_EQ(url.endpoint.port, 7001);
  EXPECT_EQ(url.user, "alice");
  EXPECT_EQ(url.password, "s3cret");
  EXPECT_EQ(url.db, 3);
}

TEST(RedisUrl, DefaultsPortAndAcceptsBareHostPort) {
  EXPECT_EQ(parse_redis_url("redis://localhost").endpoint.port, 6379);
  RedisUrl url = parse_redis_url("127.0.0.1:7000");
  EXPECT_EQ(url.endpoint, (Endpoint{"127.0.0.1", 7000}));
  EXPECT_EQ(url.db, 0);
}

TEST(RedisUrl, PasswordWithoutUserAsRedisCliAccepts) {
  RedisUrl url = parse_redis_url("redis://:pw@h:1");
  EXPECT_EQ(url.user, "");
  EXPECT_EQ(url.password, "pw");
  EXPECT_EQ(parse_redis_url("redis://pw2@h:1").password, "pw2");
}

TEST(RedisUrl, Ipv6Literal) {
  RedisUrl url = parse_redis_url("redis://[::1]:7002");
  EXPECT_EQ(url.endpoint.host, "::1");
  EXPECT_EQ(url.endpoint.port, 7002);
  EXPECT_EQ(url.endpoint.to_string(), "[::1]:7002");
}

TEST(RedisUrl, RedactedNeverShowsThePassword) {
  RedisUrl url = parse_redis_url("redis://bob:topsecret@h:1");
  EXPECT_EQ(url.redacted(), "redis://bob:***@h:1");
  EXPECT_EQ(url.to_string(), "redis://bob:topsecret@h:1");
}

TEST(RedisUrl, BadInputSaysWhatWasExpected) {
  try {
    parse_redis_url("redis://h:99999");
    FAIL() << "expected an error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("expected an integer from 1 to 65535"), std::string::npos);
  }
  EXPECT_THROW(parse_redis_url("http://h:1"), UsageError);
  EXPECT_THROW(parse_redis_url("redis://:pw@:5"), UsageError);
  EXPECT_THROW(parse_redis_url("redis://h:1/x"), UsageError);
  EXPECT_THROW(parse_endpoint("h"), UsageError);
}

TEST(RedisUrl, ErrorsDoNotLeakThePassword) {
  try {
    parse_redis_url("redis://u:hunter2@h:abc");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rrt

#include "resp/url.h"

#include <gtest/gtest.h>

#include <string>

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

std::string split_error(const std::string& text, SplitRules rules = {}) {
  try {
    split_url(text, rules);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(SplitUrl, EverySchemeAndItsTlsSpelling) {
  struct Case {
    const char* text;
    Scheme scheme;
    bool tls;
  };
  for (const Case& c :
       {Case{"redis://h:1", Scheme::kRedis, false}, Case{"rediss://h:1", Scheme::kRedis, true},
        Case{"sentinel://h:1/m", Scheme::kSentinel, false},
        Case{"sentinels://h:1/m", Scheme::kSentinel, true},
        Case{"cluster://h:1", Scheme::kCluster, false},
        Case{"clusters://h:1", Scheme::kCluster, true},
        Case{"k8s://ns/release", Scheme::kK8s, false}}) {
    UrlParts p = split_url(c.text);
    EXPECT_EQ(p.scheme, c.scheme) << c.text;
    EXPECT_EQ(p.tls, c.tls) << c.text;
    EXPECT_TRUE(p.scheme_given) << c.text;
    EXPECT_EQ(p.shown, c.text);
    EXPECT_EQ(scheme_text(p.scheme, p.tls), p.shown.substr(0, p.shown.find("://")));
  }
}

TEST(SplitUrl, HostsPathAndCredentials) {
  UrlParts p = split_url("sentinels://app:pw@s1:26379,[::1]:26380/mymaster");
  ASSERT_EQ(p.hosts.size(), 2u);
  EXPECT_EQ(p.hosts[0], (Endpoint{"s1", 26379}));
  EXPECT_EQ(p.hosts[1], (Endpoint{"::1", 26380}));
  EXPECT_EQ(p.user, "app");
  EXPECT_EQ(p.password, "pw");
  EXPECT_EQ(p.path, "mymaster");
  EXPECT_EQ(p.shown, "sentinels://s1:26379,[::1]:26380/mymaster");
  UrlParts k = split_url("k8s://prod/redis");
  EXPECT_TRUE(k.hosts.empty());
  EXPECT_EQ(k.authority, "prod");
  EXPECT_EQ(k.path, "redis");
}

TEST(SplitUrl, BareHostListTakesTheDefaultSchemeAndPort) {
  SplitRules rules;
  rules.default_scheme = Scheme::kSentinel;
  rules.default_port = 26379;
  UrlParts p = split_url("a,b:26380", rules);
  EXPECT_FALSE(p.scheme_given);
  EXPECT_EQ(p.scheme, Scheme::kSentinel);
  ASSERT_EQ(p.hosts.size(), 2u);
  EXPECT_EQ(p.hosts[0].port, 26379);
  EXPECT_EQ(p.hosts[1].port, 26380);
}

TEST(SplitUrl, ErrorsNameTheUrlWithoutPasswordAndWhatWasExpected) {
  EXPECT_NE(split_error("https://h:1").find("expected redis://, rediss://"), std::string::npos);
  SplitRules strict;
  strict.port_required = true;
  std::string e = split_error("rediss://u:Secr3t@host", strict);
  EXPECT_NE(e.find("expected host:port"), std::string::npos) << e;
  EXPECT_NE(e.find("rediss://host"), std::string::npos) << e;
  for (const char* bad : {"rediss://u:Secr3t@h:x", "sentinels://:Secr3t@a:1,,b:2/m",
                          "clusters://:Secr3t@[::1", "redis://:Secr3t@"}) {
    std::string msg = split_error(bad);
    EXPECT_FALSE(msg.empty()) << bad;
    EXPECT_EQ(msg.find("Secr3t"), std::string::npos) << msg;
  }
}

TEST(RedisUrl, RedissKeepsTlsAndPrintsIt) {
  RedisUrl url = parse_redis_url("rediss://:pw@h:7001/2");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.db, 2);
  EXPECT_EQ(url.redacted(), "rediss://:***@h:7001/2");
  EXPECT_FALSE(parse_redis_url("h:1").tls);
  try {
    parse_redis_url("sentinel://h:1/m");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("expected redis:// or rediss://"), std::string::npos);
  }
}

}  // namespace
}  // namespace rrt

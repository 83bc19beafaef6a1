// Test helper: a Reply from raw RESP bytes, parsed by hiredis as resp/connection.cc parses them.
#pragma once

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <string>

#include "resp/reply.h"

namespace rrt::testing {

// Parses one complete RESP reply; a test failure if `bytes` is not one.
inline Reply parse_resp(const std::string& bytes) {
  redisReader* reader = redisReaderCreate();
  redisReaderFeed(reader, bytes.data(), bytes.size());
  void* parsed = nullptr;
  EXPECT_EQ(redisReaderGetReply(reader, &parsed), REDIS_OK);
  redisReaderFree(reader);
  EXPECT_NE(parsed, nullptr) << "incomplete RESP: " << bytes;
  return Reply(static_cast<redisReply*>(parsed));
}

}  // namespace rrt::testing

// Which of Redis Cluster's 16384 hash slots a key belongs to: CRC16 (XMODEM) of the key, or of
// its hash tag (the part between the first '{' and the next '}', when that part is not empty),
// modulo 16384. The same function the servers use, so a client can route before it asks.
#pragma once

#include <string_view>

namespace rrt {

constexpr int kClusterSlots = 16384;

int key_slot(std::string_view key);

}  // namespace rrt

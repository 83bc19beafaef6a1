#include "cluster/key_slot.h"

#include <boost/crc.hpp>

namespace rrt {

// The part of the key that is hashed: the hash tag if there is a non-empty one.
static std::string_view hashed_part(std::string_view key) {
  size_t open = key.find('{');
  if (open == std::string_view::npos) return key;
  size_t close = key.find('}', open + 1);
  if (close == std::string_view::npos || close == open + 1) return key;
  return key.substr(open + 1, close - open - 1);
}

int key_slot(std::string_view key) {
  std::string_view part = hashed_part(key);
  // CRC-16/XMODEM: polynomial 0x1021, initial value 0, no reflection, no final xor.
  boost::crc_optimal<16, 0x1021, 0, 0, false, false> crc;
  crc.process_bytes(part.data(), part.size());
  return crc.checksum() % kClusterSlots;
}

}  // namespace rrt

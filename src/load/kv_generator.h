// The bench's workload: SET and GET of fixed-size values, in a SET:GET ratio, over a key space.
//
// Keys are "key:" and 12 digits (16 bytes, as redis-benchmark's "key:__rand_int__"), after an
// optional prefix (a scenario's run-unique "rrt:...:"). Every SET
// writes a value unique to the run (client id + the client's own counter) as zero-padded decimal
// digits filling `data_size` bytes (filled up with 'x' past 18 digits); with fewer than 18 bytes
// only the low digits fit, and the history records the value actually stored. A GET's completion
// records the number it read (nil for a missing key, the text if it is not one of ours).
//
// Ratio: out of every set_weight + get_weight operations, the first set_weight are SETs. A
// deterministic cycle, not coin flips, so a short run has the exact ratio.
#pragma once

#include <cstdint>
#include <string>

#include "load/generator.h"
#include "load/key_chooser.h"

namespace rrt {

struct KvOptions {
  int set_weight = 1;
  int get_weight = 0;
  uint64_t keys = 1'000'000;
  KeyPattern pattern = KeyPattern::kUniform;
  int data_size = 3;
  uint64_t seed = 1;
  std::string key_prefix;  // put before every key

  // Throws UsageError for a ratio of 0:0, no keys, more keys than 12 digits, or a bad size.
  void validate() const;
};

// Parses "SET:GET", e.g. "1:0", "1:10". Throws UsageError.
void parse_ratio(const std::string& text, KvOptions* options);

class KvGenerator : public Generator {
 public:
  KvGenerator(const KvOptions& options, int client_id, int clients);

  // Never runs out: the engine's bounds end the run.
  bool next(std::string* out, Op* op, Step* step) override;
  void complete(CallResult* result, Op* op) override;

  // "key:000000000042" for key 42.
  static std::string key_name(uint64_t key);

 private:
  void write_value(uint64_t id);

  KvOptions options_;
  int client_id_;
  int clients_;
  KeyChooser keys_;
  uint64_t op_count_ = 0;
  uint64_t writes_ = 0;
  std::string key_;           // key_prefix + "key:" + 12 digits, the digits rewritten in place
  std::string value_;         // data_size bytes, rewritten in place for each SET
  int64_t value_number_ = 0;  // the number value_ holds, for the history
};

}  // namespace rrt

// The memory of the linearizability search: which (set of linearized ops, model state)
// configurations were already explored. Lowe's and Wing & Gong's search is exponential without
// it; with it, each configuration is expanded once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "check/value_table.h"

namespace rrt {

// A set of op ids 0..n-1 with a hash maintained in O(1) per change (Zobrist: the XOR of one
// random key per member) and a compact canonical encoding: ops are numbered in invocation
// order, so a set is mostly "every op below some word" plus a few words above it.
class OpSet {
 public:
  explicit OpSet(size_t n) : words_((n + 63) / 64, 0) {}

  void add(size_t id);     // id must not be a member
  void remove(size_t id);  // id must be a member
  bool contains(size_t id) const { return words_[id >> 6] >> (id & 63) & 1; }
  uint64_t hash() const { return hash_; }

  // Replaces *out with [state, full words, then above them (index, word) for every other
  // nonzero word and (index | 1 << 63, length) for every maximal run of full words]. Equal
  // (set, state) pairs, and only they, give equal encodings. Runs keep the encoding short when
  // whole classes of interchangeable ops (wgl_search.cc) are linearized.
  void encode(uint64_t state, std::vector<uint64_t>* out) const;

 private:
  std::vector<uint64_t> words_;
  size_t full_ = 0;  // words_[0, full_) are all ones
  size_t top_ = 0;   // words_[top_, end) are all zero (exclusive upper bound)
  uint64_t hash_ = 0;
};

// An exact set of encoded configurations (no false hits: encodings are compared in full).
class MemoCache {
 public:
  MemoCache();
  // Adds `key` (an OpSet encoding) with its hash; returns false if it was already present.
  bool insert(uint64_t hash, const std::vector<uint64_t>& key);
  size_t size() const { return count_; }
  // Bytes held, counting allocated capacity.
  size_t bytes() const;

 private:
  struct Slot {
    uint64_t hash;
    uint64_t offset;  // into arena_, kEmpty when the slot is free
  };
  static constexpr uint64_t kEmpty = ~0ull;
  bool same(uint64_t offset, const std::vector<uint64_t>& key) const;
  void grow();

  std::vector<Slot> slots_;
  std::vector<uint64_t> arena_;  // per entry: length, then the key's words
  size_t count_ = 0;
};

// A well-mixed 64-bit hash of one integer (splitmix64's finaliser).
inline uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace rrt

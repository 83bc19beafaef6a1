#include "check/memo_cache.h"

#include <cstring>

namespace rrt {

void OpSet::add(size_t id) {
  size_t w = id >> 6;
  words_[w] |= 1ull << (id & 63);
  hash_ ^= mix64(id);
  if (w >= top_) top_ = w + 1;
  while (full_ < words_.size() && words_[full_] == ~0ull) ++full_;
}

void OpSet::remove(size_t id) {
  size_t w = id >> 6;
  words_[w] &= ~(1ull << (id & 63));
  hash_ ^= mix64(id);
  if (w < full_) full_ = w;
  while (top_ > 0 && words_[top_ - 1] == 0) --top_;
}

void OpSet::encode(uint64_t state, std::vector<uint64_t>* out) const {
  constexpr uint64_t kRun = 1ull << 63;  // marks (first word, count) of a run of full words
  out->clear();
  out->push_back(state);
  out->push_back(full_);
  for (size_t w = full_; w < top_;) {
    if (words_[w] != ~0ull) {
      if (words_[w] != 0) {
        out->push_back(w);
        out->push_back(words_[w]);
      }
      ++w;
      continue;
    }
    size_t end = w + 1;
    while (end < top_ && words_[end] == ~0ull) ++end;
    out->push_back(w | kRun);
    out->push_back(end - w);
    w = end;
  }
}

MemoCache::MemoCache() : slots_(1024, Slot{0, kEmpty}) {}

bool MemoCache::same(uint64_t offset, const std::vector<uint64_t>& key) const {
  if (arena_[offset] != key.size()) return false;
  return std::memcmp(&arena_[offset + 1], key.data(), key.size() * sizeof(uint64_t)) == 0;
}

bool MemoCache::insert(uint64_t hash, const std::vector<uint64_t>& key) {
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.offset == kEmpty) {
      slot = {hash, arena_.size()};
      arena_.push_back(key.size());
      arena_.insert(arena_.end(), key.begin(), key.end());
      if (++count_ * 2 > slots_.size()) grow();
      return true;
    }
    if (slot.hash == hash && same(slot.offset, key)) return false;
  }
}

void MemoCache::grow() {
  std::vector<Slot> old(slots_.size() * 2, Slot{0, kEmpty});
  old.swap(slots_);
  size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.offset == kEmpty) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].offset != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

size_t MemoCache::bytes() const {
  return slots_.capacity() * sizeof(Slot) + arena_.capacity() * sizeof(uint64_t);
}

}  // namespace rrt

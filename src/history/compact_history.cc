#include "history/compact_history.h"

#include <fmt/format.h>
#include <zlib.h>

#include <cstring>
#include <vector>

#include "base/errors.h"

namespace rrt {

namespace {

// The header byte: bits 0-1 the type, 2-3 the value's kind, then one bit per optional field.
constexpr uint8_t kHasKey = 1 << 4;
constexpr uint8_t kHasNode = 1 << 5;
constexpr uint8_t kHasError = 1 << 6;
constexpr uint8_t kReserved = 1 << 7;
constexpr size_t kFrameHeader = 8;
constexpr uint32_t kMaxFrame = 64u << 20;  // a longer length is damage, not a frame

void put_varint(uint64_t v, std::string* out) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}

uint64_t zigzag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

int64_t unzigzag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

// a - b and a + d with wrap-around (no signed overflow): a delta of any two int64 is exact.
int64_t minus(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
int64_t plus(int64_t a, int64_t d) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(d));
}

void put_u32(uint32_t v, std::string* out) {
  char buf[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
                 static_cast<char>(v >> 24)};
  out->append(buf, 4);
}

uint32_t get_u32(const char* p) {
  auto b = [p](int i) { return static_cast<uint32_t>(static_cast<unsigned char>(p[i])); };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

uint32_t crc_of(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

}  // namespace

bool is_compact_history(std::string_view head) {
  return head.substr(0, kCompactMagic.size()) == kCompactMagic;
}

void CompactEncoder::string_ref(const std::string& text, std::string* out) {
  auto [it, added] = table_.try_emplace(text, static_cast<uint32_t>(table_.size() + 1));
  if (!added) {
    put_varint(it->second, out);
    return;
  }
  out->push_back(0);  // a new string: its bytes follow
  put_varint(text.size(), out);
  out->append(text);
}

void CompactEncoder::value(const Value& v, std::string* out) {
  switch (v.kind) {
    case Value::Kind::kNil:
      return;
    case Value::Kind::kInt:
      put_varint(zigzag(v.integer), out);
      return;
    case Value::Kind::kString:
      string_ref(v.text, out);
      return;
    case Value::Kind::kList:
      put_varint(v.items.size(), out);
      for (const Value& item : v.items) {
        out->push_back(static_cast<char>(item.kind));
        value(item, out);
      }
      return;
  }
}

void CompactEncoder::append(const Op& op, std::string* out) {
  uint8_t head = static_cast<uint8_t>(op.type) | static_cast<uint8_t>(op.value.kind) << 2;
  if (!op.key.empty()) head |= kHasKey;
  if (!op.node.empty()) head |= kHasNode;
  if (!op.error.empty()) head |= kHasError;
  out->push_back(static_cast<char>(head));
  put_varint(zigzag(minus(op.process, last_process_)), out);
  last_process_ = op.process;
  string_ref(op.f, out);
  if (!op.key.empty()) string_ref(op.key, out);
  value(op.value, out);
  put_varint(zigzag(minus(op.time, last_time_)), out);
  last_time_ = op.time;
  if (!op.node.empty()) string_ref(op.node, out);
  if (!op.error.empty()) string_ref(op.error, out);
}

void CompactEncoder::finish_frame(const std::string& payload, std::string* out) {
  put_u32(static_cast<uint32_t>(payload.size()), out);
  put_u32(crc_of(payload), out);
  out->append(payload);
  table_.clear();
  last_process_ = 0;
  last_time_ = 0;
}

namespace {

// Reads the records of one frame's payload.
class FrameDecoder {
 public:
  FrameDecoder(std::string_view payload, const std::string& path, size_t offset)
      : p_(payload), path_(path), offset_(offset) {}

  void decode(History* out) {
    while (at_ < p_.size()) {
      record_ = at_;
      Op op;
      uint8_t head = byte();
      if (head & kReserved) fail("unknown record header");
      op.type = static_cast<OpType>(head & 3);
      auto kind = static_cast<Value::Kind>((head >> 2) & 3);
      process_ = plus(process_, unzigzag(varint()));
      op.process = process_;
      op.f = string();
      if (head & kHasKey) op.key = string();
      op.value = value(kind, 0);
      time_ = plus(time_, unzigzag(varint()));
      op.time = time_;
      if (head & kHasNode) op.node = string();
      if (head & kHasError) op.error = string();
      out->push_back(std::move(op));
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw UsageError(fmt::format("{}: byte offset {} (frame at {}): {}", path_,
                                 offset_ + kFrameHeader + record_, offset_, what));
  }
  uint8_t byte() {
    if (at_ >= p_.size()) fail("record runs past the end of its frame");
    return static_cast<uint8_t>(p_[at_++]);
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = byte();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("varint longer than 10 bytes");
  }
  std::string string() {
    uint64_t ref = varint();
    if (ref > 0) {
      if (ref > table_.size()) fail(fmt::format("string reference {} not yet defined", ref));
      return table_[ref - 1];
    }
    uint64_t len = varint();
    if (len > p_.size() - at_) fail("string runs past the end of its frame");
    table_.emplace_back(p_.substr(at_, len));
    at_ += len;
    return table_.back();
  }
  Value value(Value::Kind kind, int depth) {
    if (depth > 64) fail("lists nested too deep");
    switch (kind) {
      case Value::Kind::kNil:
        return Value::nil();
      case Value::Kind::kInt:
        return Value::of(unzigzag(varint()));
      case Value::Kind::kString:
        return Value::of(string());
      case Value::Kind::kList:
        break;
    }
    uint64_t n = varint();
    if (n > p_.size() - at_) fail("list longer than its frame");
    std::vector<Value> items;
    items.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      uint8_t item_kind = byte();
      if (item_kind > 3) fail("unknown value kind");
      items.push_back(value(static_cast<Value::Kind>(item_kind), depth + 1));
    }
    return Value::list(std::move(items));
  }

  std::string_view p_;
  const std::string& path_;
  size_t offset_;  // of the frame in the file
  size_t at_ = 0, record_ = 0;
  std::vector<std::string> table_;
  int64_t process_ = 0;
  Nanos time_ = 0;
};

}  // namespace

void decode_compact_history(const std::string& path, std::string_view bytes, History* out) {
  size_t at = kCompactMagic.size();
  while (at < bytes.size()) {
    if (bytes.size() - at < kFrameHeader) break;  // a header cut short by a crash
    uint32_t len = get_u32(bytes.data() + at);
    uint32_t crc = get_u32(bytes.data() + at + 4);
    if (len > kMaxFrame) {
      throw UsageError(
          fmt::format("{}: byte offset {}: frame length {} is not plausible (damaged "
                      "file?)",
                      path, at, len));
    }
    if (bytes.size() - at - kFrameHeader < len) break;  // the last frame, cut short by a crash
    std::string_view payload = bytes.substr(at + kFrameHeader, len);
    if (crc_of(payload) != crc) {
      throw UsageError(
          fmt::format("{}: byte offset {}: frame of {} bytes fails its crc32 check "
                      "(expected {:08x}, found {:08x}): the file is damaged",
                      path, at, len, crc, crc_of(payload)));
    }
    FrameDecoder(payload, path, at).decode(out);
    at += kFrameHeader + len;
  }
}

}  // namespace rrt

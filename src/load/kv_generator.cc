#include "load/kv_generator.h"

#include <charconv>
#include <cstring>

#include "base/errors.h"

namespace rrt {

static constexpr int kKeyDigits = 12;
static constexpr int kValueDigits = 18;  // fits an int64 whatever the digits

void KvOptions::validate() const {
  if (set_weight < 0 || get_weight < 0 || set_weight + get_weight == 0) {
    throw UsageError("--ratio: expected SET:GET weights, not both 0 (e.g. 1:0, 1:10)");
  }
  if (keys < 1 || keys > 1'000'000'000'000ULL) throw UsageError("--keys: expected 1 .. 10^12");
  if (data_size < 1 || data_size > 512 * 1024 * 1024) {
    throw UsageError("--data-size: expected 1 .. 512 MiB");
  }
}

void parse_ratio(const std::string& text, KvOptions* options) {
  size_t colon = text.find(':');
  int set = -1, get = -1;
  if (colon != std::string::npos) {
    auto r1 = std::from_chars(text.data(), text.data() + colon, set);
    auto r2 = std::from_chars(text.data() + colon + 1, text.data() + text.size(), get);
    if (r1.ptr != text.data() + colon || r2.ptr != text.data() + text.size()) set = -1;
  }
  if (set < 0 || get < 0 || set + get == 0) {
    throw UsageError("--ratio '" + text + "': expected SET:GET weights such as 1:0 or 1:10");
  }
  options->set_weight = set;
  options->get_weight = get;
}

// Writes `value` as exactly `width` decimal digits (its low digits, zero-padded) at `out`.
static void put_digits(uint64_t value, int width, char* out) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

std::string KvGenerator::key_name(uint64_t key) {
  std::string name = "key:000000000000";
  put_digits(key, kKeyDigits, name.data() + 4);
  return name;
}

KvGenerator::KvGenerator(const KvOptions& options, int client_id, int clients)
    : options_(options),
      client_id_(client_id),
      clients_(clients > 0 ? clients : 1),
      keys_(options.pattern, options.keys, options.seed * 0x9e3779b97f4a7c15ULL + client_id,
            options.keys / clients_ * client_id),
      key_(options.key_prefix + key_name(0)),
      value_(options.data_size, 'x') {}

void KvGenerator::write_value(uint64_t id) {
  int digits = value_.size() < kValueDigits ? static_cast<int>(value_.size()) : kValueDigits;
  uint64_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  value_number_ = static_cast<int64_t>(id % modulus);
  put_digits(id, digits, value_.data());
}

// Appends "$<len>\r\n<data>\r\n".
static void append_bulk(const char* data, size_t len, std::string* out) {
  char head[24];
  head[0] = '$';
  char* end = std::to_chars(head + 1, head + sizeof head - 2, len).ptr;
  *end++ = '\r';
  *end++ = '\n';
  out->append(head, end - head);
  out->append(data, len);
  out->append("\r\n", 2);
}

bool KvGenerator::next(std::string* out, Op* op, Step*) {
  uint64_t cycle = static_cast<uint64_t>(options_.set_weight + options_.get_weight);
  bool is_set = op_count_++ % cycle < static_cast<uint64_t>(options_.set_weight);
  put_digits(keys_.next(), kKeyDigits, key_.data() + key_.size() - kKeyDigits);
  op->key.assign(key_);
  if (is_set) {
    write_value(writes_++ * clients_ + client_id_);
    out->append("*3\r\n$3\r\nSET\r\n", 13);
    append_bulk(key_.data(), key_.size(), out);
    append_bulk(value_.data(), value_.size(), out);
    op->f.assign("write", 5);
    op->value = Value::of(value_number_);
  } else {
    out->append("*2\r\n$3\r\nGET\r\n", 13);
    append_bulk(key_.data(), key_.size(), out);
    op->f.assign("read", 4);
    op->value = Value::nil();
  }
  return true;
}

void KvGenerator::complete(CallResult* done, Op* op) {
  const CallResult& result = *done;
  // A write keeps the value written; a read that failed keeps nil.
  if (op->f != "read" || !result.ok()) return;
  if (result.reply.is_nil()) {
    op->value = Value::nil();
    return;
  }
  std::string_view text = result.reply.str();
  int64_t number = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + std::min<size_t>(text.size(), 18), number);
  bool ours = ec == std::errc() && end != text.data() &&
              (end == text.data() + text.size() || *end == 'x' ||
               static_cast<size_t>(end - text.data()) == kValueDigits);
  op->value = ours ? Value::of(number) : Value::of(std::string(text.substr(0, 64)));
}

}  // namespace rrt

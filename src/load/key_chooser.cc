#include "load/key_chooser.h"

#include <cmath>

#include "base/errors.h"

namespace rrt {

KeyPattern parse_key_pattern(const std::string& text) {
  if (text == "uniform") return KeyPattern::kUniform;
  if (text == "sequential") return KeyPattern::kSequential;
  if (text == "zipf") return KeyPattern::kZipf;
  throw UsageError("key pattern '" + text + "': expected uniform, sequential or zipf");
}

const char* key_pattern_name(KeyPattern pattern) {
  switch (pattern) {
    case KeyPattern::kUniform:
      return "uniform";
    case KeyPattern::kSequential:
      return "sequential";
    case KeyPattern::kZipf:
      return "zipf";
  }
  return "?";
}

uint64_t Random::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Random::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double zeta(uint64_t n, double theta) {
  constexpr uint64_t kExact = 1000;
  double sum = 0;
  for (uint64_t i = 1; i <= n && i <= kExact; ++i) sum += std::pow(static_cast<double>(i), -theta);
  if (n <= kExact) return sum;
  // Euler-Maclaurin for the terms kExact+1 .. n of f(x) = x^-theta.
  auto f = [&](double x) { return std::pow(x, -theta); };
  auto df = [&](double x) { return -theta * std::pow(x, -theta - 1); };
  double a = kExact, b = static_cast<double>(n);
  double integral = theta == 1.0 ? std::log(b / a)
                                 : (std::pow(b, 1 - theta) - std::pow(a, 1 - theta)) / (1 - theta);
  return sum + integral + (f(b) - f(a)) / 2 + (df(b) - df(a)) / 12;
}

ZipfParams::ZipfParams(uint64_t n, double theta)
    : n(n), theta(theta), zetan(zeta(n, theta)), alpha(1 / (1 - theta)) {
  double zeta2 = zeta(2, theta);
  eta = (1 - std::pow(2.0 / static_cast<double>(n), 1 - theta)) / (1 - zeta2 / zetan);
}

KeyChooser::KeyChooser(KeyPattern pattern, uint64_t keys, uint64_t seed, uint64_t start,
                       double zipf_theta)
    : pattern_(pattern),
      keys_(keys ? keys : 1),
      cursor_(start % keys_),
      random_(seed),
      zipf_(pattern == KeyPattern::kZipf ? keys_ : 2, zipf_theta) {}

uint64_t KeyChooser::next() {
  switch (pattern_) {
    case KeyPattern::kUniform:
      return random_.below(keys_);
    case KeyPattern::kSequential: {
      uint64_t key = cursor_;
      cursor_ = cursor_ + 1 == keys_ ? 0 : cursor_ + 1;
      return key;
    }
    case KeyPattern::kZipf: {
      double u = random_.uniform();
      double uz = u * zipf_.zetan;
      if (uz < 1) return 0;
      if (uz < 1 + std::pow(0.5, zipf_.theta)) return keys_ > 1 ? 1 : 0;
      auto key = static_cast<uint64_t>(static_cast<double>(keys_) *
                                       std::pow(zipf_.eta * u - zipf_.eta + 1, zipf_.alpha));
      return key < keys_ ? key : keys_ - 1;
    }
  }
  return 0;
}

}  // namespace rrt

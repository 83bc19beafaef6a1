// Which key an operation uses: uniform, sequential or Zipf-distributed over keys 0..keys-1.
//
// Each client owns a KeyChooser (no locks on the hot path). Sequential clients start at evenly
// spaced offsets, so N clients together sweep the key space N times faster than one. Zipf
// follows Gray et al. ("Quickly generating billion-record synthetic databases", as YCSB does):
// key 0 is the most popular, key i has weight 1/(i+1)^theta.
#pragma once

#include <cstdint>
#include <string>

namespace rrt {

enum class KeyPattern { kUniform, kSequential, kZipf };

// Parses "uniform" / "sequential" / "zipf"; throws UsageError otherwise.
KeyPattern parse_key_pattern(const std::string& text);
const char* key_pattern_name(KeyPattern pattern);

// splitmix64: small, fast, good enough for choosing keys; deterministic for a seed.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next();
  double uniform();  // in [0, 1)
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }

 private:
  uint64_t state_;
};

// The constants of a Zipf distribution over n keys; computing them is O(1) (the zeta sum's tail
// is approximated by Euler-Maclaurin), so any key count is fine.
struct ZipfParams {
  ZipfParams(uint64_t n, double theta);
  uint64_t n;
  double theta, zetan, alpha, eta;
};

// sum over i in 1..n of 1 / i^theta, to within 1e-9 relative.
double zeta(uint64_t n, double theta);

class KeyChooser {
 public:
  // keys >= 1. `start` is where a sequential sweep begins.
  KeyChooser(KeyPattern pattern, uint64_t keys, uint64_t seed, uint64_t start = 0,
             double zipf_theta = 0.99);
  uint64_t next();

 private:
  KeyPattern pattern_;
  uint64_t keys_;
  uint64_t cursor_;
  Random random_;
  ZipfParams zipf_;
};

}  // namespace rrt

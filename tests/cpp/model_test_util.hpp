// SPDX-License-Identifier: MIT
// What the model tests share: the CDNOW files summarised as the papers did, and a
// deterministic random source for simulated customers.
#pragma once
#include <cmath>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/rfm_summary.hpp"

namespace csm::model_testing {

inline std::string Shared(const std::string& rel) { return std::string(CSM_SHARED_DATA) + "/" + rel; }

inline Day Yyyymmdd(const std::string& s) {
  return DaysFromCivil(std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2)));
}

// CDNOW_sample.txt (master id, sample id, date, CDs, dollars) or CDNOW_master.txt (a header,
// then customer id, date, CDs, dollars), summarised for calibration weeks 1-39.
inline std::vector<CustomerRfm> CdnowSummary(bool master) {
  std::ifstream in(Shared(master ? "cdnow/CDNOW_master.txt" : "cdnow/CDNOW_sample.txt"));
  std::vector<Purchase> purchases;
  std::string id, other, date;
  double cds = 0, dollars = 0;
  if (master) std::getline(in, id);  // header
  while (master ? bool(in >> id >> date >> cds >> dollars)
                : bool(in >> other >> id >> date >> cds >> dollars))
    purchases.push_back({uint32_t(std::stoul(id)), Yyyymmdd(date), dollars});
  RfmOptions o;
  o.calibration_end = DaysFromCivil(1997, 9, 30);
  return SummariseRfm(purchases, o).customers;
}

// Deterministic random numbers from our own generators, so simulated data are the same
// with every standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  double Uniform() {  // (0, 1)
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double(z >> 11) + 0.5) * 0x1p-53;
  }
  double Normal() {
    return std::sqrt(-2 * std::log(Uniform())) * std::cos(6.283185307179586 * Uniform());
  }
  double Gamma(double shape) {  // scale 1; Marsaglia & Tsang (2000)
    if (shape < 1) return Gamma(shape + 1) * std::pow(Uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    for (;;) {
      double z = Normal(), v = 1 + c * z;
      if (v <= 0) continue;
      v = v * v * v;
      if (std::log(Uniform()) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v;
    }
  }
  double Beta(double a, double b) {
    const double x = Gamma(a);
    return x / (x + Gamma(b));
  }
  double Exponential(double rate) { return -std::log(Uniform()) / rate; }

 private:
  uint64_t state_;
};

/// The message of the std::invalid_argument f throws, or "(nothing thrown)".
template <typename F>
std::string ThrownMessage(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

}  // namespace csm::model_testing

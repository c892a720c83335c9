// SPDX-License-Identifier: MIT
// libFuzzer: the model inputs (survivor tables, RFM summaries, CDNOW-style purchase files)
// and the fits behind `csmetrics sbg` / `bgnbd` on any text. Bad input must end in
// CsmError or the models' std::invalid_argument (the reason it cannot be fitted), and a
// projection may refuse parameters its series cannot reach (std::runtime_error, which the
// product turns into a reason); any other exception, a crash, a hang or a non-finite
// value from a fit or projection that succeeded is a bug.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "core/bgnbd_model.hpp"
#include "core/errors.hpp"
#include "core/gamma_gamma_model.hpp"
#include "core/model_inputs.hpp"
#include "core/sbg_model.hpp"

namespace {

void Finite(double v) {
  if (!std::isfinite(v)) std::abort();
}

void Survivors(std::string_view text) {
  const csm::SurvivorTable t = csm::ParseSurvivorTable(text, "fuzz.csv");
  for (const csm::SurvivorCounts& column : t.columns) {
    try {
      const csm::SbgFit fit = csm::FitSbg(column);
      Finite(fit.params.alpha), Finite(fit.params.beta), Finite(fit.log_likelihood);
      Finite(csm::SbgDiscountedExpectedResidualLifetime(fit.params, 0.1, 3));
    } catch (const std::invalid_argument&) {
    }
  }
}

void Purchases(std::string_view text) {
  csm::PurchaseInput in = csm::ParsePurchaseInput(text, "fuzz.txt");
  std::vector<csm::CustomerRfm> customers = in.customers;
  if (!in.summary) {
    if (in.purchases.empty()) return;
    csm::RfmOptions o;
    o.calibration_end = in.purchases[0].day;
    for (const csm::Purchase& p : in.purchases) o.calibration_end = std::max(o.calibration_end, p.day);
    customers = csm::SummariseRfm(in.purchases, o).customers;
  }
  try {
    const csm::BgnbdFit fit = csm::FitBgnbd(customers);
    Finite(fit.log_likelihood);
    for (const csm::CustomerRfm& c : customers) {
      Finite(csm::BgnbdProbabilityAlive(fit.params, c.x, c.t_x, c.T));
      try {
        Finite(csm::BgnbdConditionalExpectedPurchases(fit.params, c.x, c.t_x, c.T, 52));
      } catch (const std::runtime_error&) {
      }
    }
  } catch (const std::invalid_argument&) {
  }
  try {
    const csm::GammaGammaFit fit = csm::FitGammaGamma(customers);
    Finite(fit.log_likelihood);
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    if (text.rfind("period", 0) == 0) Survivors(text);
    else Purchases(text);
  } catch (const csm::CsmError&) {
  }
  return 0;
}

// SPDX-License-Identifier: MIT
#include "core/gamma_gamma_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/optimizer.hpp"
#include "core/portable_math.hpp"
#include "core/log_product.hpp"
#include "core/special_functions.hpp"

namespace csm {

namespace {

void CheckParams(const GammaGammaParams& p) {
  for (double v : {p.p, p.q, p.gamma})
    if (!(v > 0) || !std::isfinite(v))
      throw std::invalid_argument("Gamma-Gamma parameters p, q, gamma must be positive and finite");
}

// The repeat buyers, grouped by x so that the log-gammas are computed once per distinct x.
struct RepeatBuyers {
  struct Group {
    double x = 0;
    double count = 0;
    double log_x = 0;
    double sum_log_zbar = 0;  // over the group's buyers
  };
  std::vector<Group> groups;
  struct Buyer {
    int group = 0;
    double x_zbar = 0;  // the sum of the repeat spends
  };
  std::vector<Buyer> buyers;
  int excluded = 0;  // repeat buyers whose zbar <= 0
};

RepeatBuyers Collect(std::span<const CustomerRfm> customers) {
  std::vector<int> xs;
  for (const CustomerRfm& c : customers) {
    if (c.x < 0) throw std::invalid_argument("Gamma-Gamma: frequency x must be >= 0");
    if (c.x == 0) continue;
    if (!std::isfinite(c.zbar))
      throw std::invalid_argument("Gamma-Gamma: customer " + std::to_string(c.customer) +
                                  " has a mean spend zbar that is not a finite number");
    if (c.zbar > 0) xs.push_back(c.x);
  }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  RepeatBuyers data;
  for (int x : xs) data.groups.push_back({double(x), 0, PortableLog(double(x))});
  for (const CustomerRfm& c : customers) {
    if (c.x == 0) continue;
    if (!(c.zbar > 0)) {
      ++data.excluded;
      continue;
    }
    const int g = int(std::lower_bound(xs.begin(), xs.end(), c.x) - xs.begin());
    data.groups[g].count += 1;
    data.groups[g].sum_log_zbar += PortableLog(c.zbar);
    data.buyers.push_back({g, c.x * c.zbar});
  }
  return data;
}


double LogLikelihood(const GammaGammaParams& params, const RepeatBuyers& data) {
  const double p = params.p, q = params.q, gamma = params.gamma;
  const double common = -PortableLgamma(q) + q * PortableLog(gamma);
  std::vector<LogProduct> denominators(data.groups.size());  // prod (gamma + x zbar) per x
  for (const RepeatBuyers::Buyer& b : data.buyers) denominators[b.group].Multiply(gamma + b.x_zbar);
  double ll = 0;
  for (size_t i = 0; i < data.groups.size(); ++i) {
    const RepeatBuyers::Group& g = data.groups[i];
    const double px = p * g.x;
    ll += g.count * (common + PortableLgamma(px + q) - PortableLgamma(px) + px * g.log_x) +
          (px - 1) * g.sum_log_zbar - (px + q) * denominators[i].Log();
  }
  return ll;
}

GammaGammaParams FromLog(const std::vector<double>& theta) {
  return {PortableExp(theta[0]), PortableExp(theta[1]), PortableExp(theta[2])};
}

}  // namespace

double GammaGammaLogLikelihood(const GammaGammaParams& params,
                               std::span<const CustomerRfm> customers) {
  CheckParams(params);
  return LogLikelihood(params, Collect(customers));
}

GammaGammaFit FitGammaGamma(std::span<const CustomerRfm> customers) {
  const RepeatBuyers data = Collect(customers);
  if (data.buyers.empty())
    throw std::invalid_argument(
        data.excluded > 0
            ? "Gamma-Gamma fit needs repeat buyers with a positive mean spend: every repeat "
              "buyer has zbar <= 0"
            : "Gamma-Gamma fit needs repeat buyers (x > 0): only repeat transactions carry "
              "spend data");
  double mean = 0, first = -1;
  bool all_equal = true;
  for (const CustomerRfm& c : customers) {
    if (c.x == 0 || !(c.zbar > 0)) continue;
    if (first < 0) first = c.zbar;
    mean += c.zbar;
    all_equal = all_equal && c.zbar == first;
  }
  if (all_equal)
    throw std::invalid_argument(
        "Gamma-Gamma fit: every repeat buyer has the same mean spend, so the spread within and "
        "between customers cannot be identified");
  mean /= double(data.buyers.size());

  const Objective nll_log = [&](const std::vector<double>& theta) {
    return -LogLikelihood(FromLog(theta), data);
  };
  // gamma is on the scale of money, so each start puts the population mean p gamma / (q-1)
  // at the observed mean spend.
  std::vector<std::vector<double>> starts;
  for (const auto& [p, q] : {std::pair{1.0, 2.0}, std::pair{5.0, 4.0}, std::pair{0.5, 1.5}})
    starts.push_back({PortableLog(p), PortableLog(q), PortableLog(mean * (q - 1) / p)});
  const OptimizeResult best = MinimizeMultiStart(nll_log, starts);
  if (!std::isfinite(best.value))
    throw std::invalid_argument("Gamma-Gamma fit: the likelihood cannot be evaluated at any start");
  const char* names[] = {"p", "q", "gamma"};
  for (int i = 0; i < 3; ++i)
    if (!(std::fabs(best.params[i]) < 25))
      throw std::invalid_argument(std::string("Gamma-Gamma fit: the likelihood is maximised at the "
                                              "edge of the parameter space (") +
                                  names[i] + (best.params[i] > 0 ? " -> infinity" : " -> 0") +
                                  "); the data cannot identify the model");

  RequireConverged(best, "Gamma-Gamma");
  GammaGammaFit fit;
  fit.params = FromLog(best.params);
  fit.log_likelihood = -best.value;
  fit.repeat_buyers = int(data.buyers.size());
  fit.excluded_repeat_buyers = data.excluded;
  fit.converged = best.converged;
  fit.iterations = best.iterations;
  const Objective nll = [&](const std::vector<double>& v) {
    for (double x : v)
      if (!(x > 0)) return std::numeric_limits<double>::infinity();
    return -LogLikelihood({v[0], v[1], v[2]}, data);
  };
  const std::vector<double> se = StandardErrors(nll, {fit.params.p, fit.params.q, fit.params.gamma});
  fit.se_p = se[0], fit.se_q = se[1], fit.se_gamma = se[2];
  return fit;
}

double GammaGammaConditionalExpectedSpend(const GammaGammaParams& params, int x, double zbar) {
  CheckParams(params);
  if (x < 0 || !(zbar >= 0) || !std::isfinite(zbar))
    throw std::invalid_argument("Gamma-Gamma: need x >= 0 and a finite zbar >= 0");
  const double denominator = params.p * x + params.q - 1;
  if (!(denominator > 0))
    throw std::invalid_argument(
        "Gamma-Gamma: the expected spend does not exist for p x + q <= 1 (with x = 0 the "
        "population mean needs q > 1)");
  return params.p * (params.gamma + x * zbar) / denominator;
}

double CustomerLifetimeValue(const BgnbdParams& purchases, const GammaGammaParams& spend,
                             const CustomerRfm& customer, const ClvOptions& options) {
  if (!std::isfinite(options.margin))
    throw std::invalid_argument("customer lifetime value: margin must be finite");
  const double per_transaction =
      GammaGammaConditionalExpectedSpend(spend, customer.x, customer.zbar);
  return options.margin * per_transaction *
         BgnbdDiscountedExpectedTransactions(purchases, customer.x, customer.t_x, customer.T,
                                             options.period_length, options.periods,
                                             options.discount_rate);
}

}  // namespace csm

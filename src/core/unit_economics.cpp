// SPDX-License-Identifier: MIT
#include "core/unit_economics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "core/exact.hpp"
#include "core/money.hpp"

namespace csm {
namespace {

// An exact non-negative quantity num / den of minor units (den > 0).
struct Fraction {
  Wide num = 0, den = 1;
  int64_t Rounded() const { return Narrow(RoundHalfEven(num, den)); }
  double Value() const { return double(num) / double(den); }
};

Fraction Mul(Fraction a, Fraction b) { return {MulChecked(a.num, b.num), MulChecked(a.den, b.den)}; }
Fraction Div(Fraction a, Fraction b) { return {MulChecked(a.num, b.den), MulChecked(a.den, b.num)}; }

// The gross margin setting as an exact decimal: it is given with at most 6 places.
Fraction Margin(double gm) { return {Wide(std::llround(gm * 1e6)), 1'000'000}; }

bool IsAcquisition(std::string_view c) { return c == "sales" || c == "marketing"; }
bool IsRetention(std::string_view c) {
  return c == "cs_staff" || c == "cs_tools" || c == "customer_marketing" || c == "training" || c == "loyalty";
}

int64_t RoundRow(int64_t micros, int exponent) {
  return Narrow(RoundHalfEven(MulChecked(micros, Pow10(exponent)), kMicro));
}

}  // namespace

std::vector<std::optional<CostsMonth>> CostsByMonth(const Dataset& ds, const CostsTable& t, int exponent,
                                                    Month from, Month to,
                                                    const std::function<bool(uint32_t row)>& keep_row) {
  std::vector<std::map<std::string, int64_t>> by(size_t(to - from + 1));
  std::vector<bool> seen(by.size(), false);
  for (uint32_t r = 0; r < t.size(); ++r) {
    if (t.month[r] < from || t.month[r] > to || (keep_row && !keep_row(r))) continue;
    const size_t i = size_t(t.month[r] - from);
    seen[i] = true;
    by[i][std::string(ds.values.Get(t.category[r]))] += RoundRow(t.amount[r], exponent);
  }
  std::vector<std::optional<CostsMonth>> out(by.size());
  for (size_t i = 0; i < by.size(); ++i) {
    if (!seen[i]) continue;
    CostsMonth c;
    for (const auto& [category, amount] : by[i]) {
      (IsAcquisition(category) ? c.acquisition : IsRetention(category) ? c.retention : c.other) += amount;
      c.by_category.emplace_back(category, amount);
    }
    out[i] = c;
  }
  return out;
}

std::vector<PurchasesMonth> PurchasesByMonth(const TransactionsTable& t, int exponent, Month from, Month to,
                                             const std::function<bool(uint32_t)>& keep) {
  std::vector<PurchasesMonth> out(size_t(to - from + 1));
  std::vector<std::unordered_set<uint32_t>> buyers(out.size());
  for (uint32_t r = 0; r < t.size(); ++r) {
    const Month m = MonthOfDay(t.date[r]);
    if (m < from || m > to || (keep && !keep(t.customer[r]))) continue;
    PurchasesMonth& p = out[size_t(m - from)];
    ++p.transactions;
    p.revenue += RoundRow(t.amount[r], exponent);
    buyers[size_t(m - from)].insert(t.customer[r]);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    PurchasesMonth& p = out[i];
    p.purchasers = int64_t(buyers[i].size());
    if (p.transactions > 0) p.average_purchase_value = Narrow(RoundHalfEven(p.revenue, p.transactions));
    if (p.purchasers > 0) p.purchase_frequency = double(p.transactions) / double(p.purchasers);
  }
  return out;
}

UnitEconomicsMonth UnitEconomicsOf(const UnitInputs& in, const std::optional<CostsMonth>& costs,
                                   bool costs_loaded, const std::optional<PurchasesMonth>& purchases) {
  UnitEconomicsMonth u;
  u.gross_margin = in.gross_margin;
  u.purchases = purchases;
  if (costs_loaded) u.costs = costs;
  std::optional<Fraction> cac, arpu, lifetime, per_purchaser;
  if (in.base) {
    const auto& b = *in.base;
    u.new_customers = b.new_customers;
    u.churn_window_months = in.window;
    u.churn_window_churned = b.window_churned;
    u.churn_window_base = b.window_base;
    if (b.window_base > 0) u.monthly_churn_rate = double(b.window_churned) / double(b.window_base) * 100.0;
    if (b.window_churned > 0) {
      lifetime = Fraction{b.window_base, b.window_churned};
      u.lifetime_months = lifetime->Value();
    }
    if (b.paying > 0) arpu = Fraction{b.mrr, b.paying};
    if (costs && b.new_customers > 0) cac = Fraction{costs->acquisition, b.new_customers};
    if (costs && b.paying > 0) u.crc = Fraction{costs->retention, b.paying}.Rounded();
  }
  if (cac) u.cac = cac->Rounded();
  if (purchases && purchases->purchasers > 0) per_purchaser = Fraction{purchases->revenue, purchases->purchasers};
  std::optional<Fraction> forms[3];
  if (arpu && lifetime && in.gross_margin) forms[0] = Mul(Mul(*arpu, Margin(*in.gross_margin)), *lifetime);
  if (arpu && lifetime) forms[1] = Mul(*arpu, *lifetime);
  if (per_purchaser && lifetime) forms[2] = Mul(*per_purchaser, *lifetime);
  std::optional<int64_t>* clv[] = {&u.clv.gross_margin_form, &u.clv.arpu_over_churn, &u.clv.purchase_form};
  std::optional<double>* ratio[] = {&u.clv_to_cac.gross_margin_form, &u.clv_to_cac.arpu_over_churn,
                                    &u.clv_to_cac.purchase_form};
  std::optional<int64_t>* profit[] = {&u.profit_per_customer.gross_margin_form,
                                      &u.profit_per_customer.arpu_over_churn,
                                      &u.profit_per_customer.purchase_form};
  for (int f = 0; f < 3; ++f) {
    if (!forms[f]) continue;
    *clv[f] = forms[f]->Rounded();
    if (!cac) continue;
    if (cac->num > 0) *ratio[f] = Div(*forms[f], *cac).Value();
    // CLV - CAC over a common denominator, then rounded once.
    const Wide num = MulChecked(forms[f]->num, cac->den) - MulChecked(cac->num, forms[f]->den);
    *profit[f] = Narrow(RoundHalfEven(num, MulChecked(forms[f]->den, cac->den)));
  }
  if (cac && arpu && in.gross_margin && arpu->num > 0 && *in.gross_margin > 0)
    u.cac_payback_months = Div(*cac, Mul(*arpu, Margin(*in.gross_margin))).Value();
  return u;
}

}  // namespace csm

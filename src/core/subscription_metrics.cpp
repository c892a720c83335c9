// SPDX-License-Identifier: MIT
#include "core/subscription_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/mrr_movements.hpp"
#include "core/portable_math.hpp"
#include "core/revenue.hpp"

namespace csm {
namespace {

std::optional<double> Percent(double numerator, double denominator) {
  if (denominator == 0) return std::nullopt;
  return numerator / denominator * 100.0;
}

void AddChurn(ChurnMovement& churn, ChurnType type, int64_t amount) {
  churn.Add(amount);
  (type == ChurnType::kVoluntary     ? churn.voluntary
   : type == ChurnType::kInvoluntary ? churn.involuntary
                                     : churn.unknown)
      .Add(amount);
}

RetentionMonth Retention(const RevenueMonth& r, const MovementsMonth& mv, int64_t retained,
                         int64_t t12_base, int64_t t12_now) {
  RetentionMonth out;
  const double n_prev = double(r.paying_customers_prev), a = double(r.mrr_prev);
  const double b = double(mv.expansion.amount), c = double(mv.contraction.amount),
               d = double(mv.churn.amount);
  out.customer_churn_rate = Percent(double(mv.churn.customers), n_prev);
  if (out.customer_churn_rate) out.customer_churn_rate_annualised = Annualise(*out.customer_churn_rate);
  out.retained_customers = retained;
  out.customer_retention_rate = Percent(double(retained), n_prev);
  out.gross_revenue_churn = Percent(d + c, a);
  if (out.gross_revenue_churn) out.gross_revenue_churn_annualised = Annualise(*out.gross_revenue_churn);
  out.net_revenue_churn = Percent(d + c - b, a);
  out.nrr = Percent(a - c - d + b, a);
  out.grr = Percent(a - c - d, a);
  out.trailing12_base_mrr = t12_base;
  out.trailing12_mrr_now = t12_now;
  out.trailing12_nrr = Percent(double(t12_now), double(t12_base));
  const double lost = d + c;
  if (lost != 0) out.quick_ratio = double(mv.new_customers.amount + mv.reactivation.amount + mv.expansion.amount) / lost;
  return out;
}

}  // namespace

double Annualise(double monthly_percent) {
  return (1.0 - PowInt(1.0 - monthly_percent / 100.0, 12)) * 100.0;
}

std::optional<Month> FirstPayingMonth(const CustomerMonths& c) {
  for (size_t i = 0; i < c.mrr.size(); ++i)
    if (c.mrr[i] > 0) return c.first + Month(i);
  return std::nullopt;
}

SubscriptionAccumulator::SubscriptionAccumulator(const SubscriptionsTable& t, Month from, Month to, int history)
    : t_(t), from_(from), to_(to), start_(from - history), sums_(size_t(to - start_ + 2)),
      cohorts_(size_t(to - from + 1)) {}

SubscriptionAccumulator::Base SubscriptionAccumulator::BaseOf(Month m, int window) const {
  CheckFinished();
  Base b;
  const MonthSums& s = at(m);
  b.mrr = s.mrr;
  b.paying = s.paying;
  b.new_customers = s.moves.new_customers.customers;
  for (Month j = std::max(start_, m - window + 1); j <= m; ++j) {
    b.window_churned += at(j).moves.churn.customers;
    b.window_base += at(j - 1).paying;
  }
  return b;
}

void SubscriptionAccumulator::AddNonRecurring(Month m, int64_t amount) {
  if (m >= start_ && m <= to_) at(m).non_recurring += amount;
}

// Maximal stretches of equal values, v[i] being month first + i; months after v up to
// `through` are a stretch of zeros.
void SubscriptionAccumulator::RunsOf(std::span<const int64_t> v, Month first, Month through, std::vector<Run>& out) {
  out.clear();
  for (size_t i = 0; i < v.size();) {
    size_t j = i + 1;
    while (j < v.size() && v[j] == v[i]) ++j;
    out.push_back({first + Month(i), first + Month(j), v[i]});
    i = j;
  }
  const Month end = first + Month(v.size());
  if (end <= through) {
    if (!out.empty() && out.back().value == 0) out.back().to = through + 1;
    else out.push_back({end, through + 1, 0});
  }
}

void SubscriptionAccumulator::AddLevel(int64_t Levels::*field, Month from, Month to, int64_t value) {
  from = std::max(from, start_ - 1);
  to = std::min(to, to_ + 1);
  if (from >= to || value == 0) return;
  if (levels_.empty()) levels_.resize(sums_.size() + 1);
  levels_[size_t(from - start_ + 1)].*field += value;
  levels_[size_t(to - start_ + 1)].*field -= value;
}

void SubscriptionAccumulator::Finish() {
  if (levels_.empty()) return;
  Levels run;
  for (size_t i = 0; i < sums_.size(); ++i) {
    const Levels& d = levels_[i];
    MonthSums& s = sums_[i];
    s.mrr += run.mrr += d.mrr;
    s.paying += run.paying += d.paying;
    s.contracted += run.contracted += d.contracted;
    s.retained += run.retained += d.retained;
    s.t12_base += run.t12_base += d.t12_base;
    s.t12_now += run.t12_now += d.t12_now;
  }
  levels_ = {};
}

void SubscriptionAccumulator::CheckFinished() const {
  if (!levels_.empty()) throw std::logic_error("SubscriptionAccumulator: Finish() before reading months");
}

void SubscriptionAccumulator::AddCustomer(const CustomerMonths& c) {
  const std::optional<Month> k = FirstPayingMonth(c);
  RunsOf(c.mrr, c.first, to_, runs_);
  for (const Run& r : runs_) {
    AddLevel(&Levels::mrr, r.from, r.to, r.value);
    AddLevel(&Levels::paying, r.from, r.to, r.value > 0);
  }
  const bool contracted_is_mrr = c.contracted.data() == c.mrr.data();
  if (!contracted_is_mrr) RunsOf(c.contracted, c.first, to_, contracted_runs_);
  for (const Run& r : contracted_is_mrr ? runs_ : contracted_runs_)
    AddLevel(&Levels::contracted, r.from, r.to, r.value);
  if (k) {
    AddTrailing12();
    if (c.prev_is_shift) {
      AddChanges(c, *k);
    } else {
      // Converted at each month's rate, c(m-1) moves every month: follow them one by one,
      // up to twelve months after the last MRR (nothing later changes a month).
      const Month end = std::min(to_, c.AfterLastPaying() + 12);
      for (Month m = std::max(c.first, start_); m <= end; ++m) AddMonth(c, m, *k);
    }
  }
  if (k && *k >= from_ && *k <= to_) AddCohort(*k);
  if (const int64_t now = c.At(to_); now > 0) {
    // Months in a row with MRR up to to_: the paying runs that end there, back to back.
    Month since = to_;
    for (auto r = runs_.rbegin(); r != runs_.rend(); ++r) {
      if (r->from > to_) continue;
      if (r->value <= 0) break;
      since = r->from;
    }
    const int32_t run = to_ - since + 1;
    if (list_active_) active_.push_back({c.customer, run, now});
    else CountRun({run, now});
  }
}

// One currency: the movements happen where c changes, and a customer is retained in the
// months of a paying run after its first, or in all of them when it paid just before.
void SubscriptionAccumulator::AddChanges(const CustomerMonths& c, Month k) {
  int64_t prev = 0;
  for (const Run& r : runs_) {
    if (r.value > 0) AddLevel(&Levels::retained, std::max(r.from + (prev > 0 ? 0 : 1), start_), r.to, 1);
    if (r.from >= start_ && r.from <= to_ && r.value != prev)
      AddMovement(at(r.from), c, r.from, prev, r.value, k);
    prev = r.value;
  }
}

// Month m of a customer whose c(m-1) at m's rate differs from c(m-1).
void SubscriptionAccumulator::AddMonth(const CustomerMonths& c, Month m, Month k) {
  MonthSums& s = at(m);
  const int64_t prev = c.PrevAtRate(m), cur = c.At(m);
  s.moves.fx += prev - c.At(m - 1);
  AddLevel(&Levels::retained, m, m + 1, prev > 0 && cur > 0);
  AddMovement(s, c, m, prev, cur, k);
}

void SubscriptionAccumulator::AddMovement(MonthSums& s, const CustomerMonths& c, Month m, int64_t prev, int64_t cur,
                                          Month k) {
  const MovementKind kind = ClassifyMovement(prev, cur, k < m - 1);
  const int64_t amount = MovementAmount(kind, prev, cur);
  switch (kind) {
    case MovementKind::kNew: s.moves.new_customers.Add(amount); break;
    case MovementKind::kReactivation: s.moves.reactivation.Add(amount); break;
    case MovementKind::kContraction: s.moves.contraction.Add(amount); break;
    case MovementKind::kChurn: AddChurn(s.moves.churn, ChurnTypeOf(t_, c.rows, m), amount); break;
    case MovementKind::kExpansion:
      s.moves.expansion.Add(amount);
      (IsCrossSell(t_, c.rows, m) ? s.moves.cross_sell : s.moves.upsell).Add(amount);
      break;
    case MovementKind::kNone: break;
  }
}

// Trailing twelve months: in month m, a customer paying at m-12 adds c(m-12) to the base
// and c(m) to what that base pays now. Runs shifted by twelve months meet the runs of c.
void SubscriptionAccumulator::AddTrailing12() {
  size_t j = 0;
  for (const Run& base : runs_) {
    if (base.value <= 0) continue;
    const Month lo = std::max(base.from + 12, start_), hi = std::min(base.to + 12, to_ + 1);
    if (lo >= hi) continue;
    AddLevel(&Levels::t12_base, lo, hi, base.value);
    while (j < runs_.size() && runs_[j].to <= lo) ++j;
    for (size_t i = j; i < runs_.size() && runs_[i].from < hi; ++i)
      AddLevel(&Levels::t12_now, std::max(lo, runs_[i].from), std::min(hi, runs_[i].to), runs_[i].value);
  }
}

void SubscriptionAccumulator::AddCohort(Month k) {
  CohortSums& cohort = cohorts_[size_t(k - from_)];
  ++cohort.size;
  const size_t ages = size_t(to_ - k + 1);
  cohort.age_steps.resize(ages + 1);
  cohort.first_churn.resize(ages);
  std::optional<int32_t> churned;
  for (const Run& r : runs_) {
    if (r.to <= k || r.from > to_) continue;
    if (r.value > 0) {
      const size_t a = size_t(std::max(r.from, k) - k), b = size_t(std::min(r.to, to_ + 1) - k);
      ++cohort.age_steps[a].customers, cohort.age_steps[a].amount += r.value;
      --cohort.age_steps[b].customers, cohort.age_steps[b].amount -= r.value;
    } else if (!churned) {
      churned = std::max(r.from, k) - k;
    }
  }
  if (churned) ++cohort.first_churn[size_t(*churned)];
  survival_.push_back(churned ? SurvivalObservation{*churned, true} : SurvivalObservation{to_ - k, false});
}

void SubscriptionAccumulator::CountRun(RunKey key) {
  if ((active_run_keys_ + 1) * 2 > active_runs_.size()) {
    std::vector<RunCount> old(std::max<size_t>(64, active_runs_.size() * 2));
    old.swap(active_runs_);
    for (const RunCount& r : old)
      if (r.count) active_runs_[Slot(r.key)] = r;
  }
  RunCount& slot = active_runs_[Slot(key)];
  if (slot.count == 0) slot.key = key, ++active_run_keys_;
  ++slot.count;
}

size_t SubscriptionAccumulator::Slot(RunKey key) const {
  const uint64_t mask = active_runs_.size() - 1;
  uint64_t i = ((uint64_t(key.mrr) * 0x9E3779B97F4A7C15ull) ^ uint64_t(uint32_t(key.run))) * 0xBF58476D1CE4E5B9ull >> 20;
  for (i &= mask; active_runs_[i].count && !(active_runs_[i].key == key); i = (i + 1) & mask) {}
  return size_t(i);
}

std::vector<ActiveSubscriber> SubscriptionAccumulator::Active() const {
  if (list_active_) return active_;
  std::vector<ActiveSubscriber> out;
  for (const RunCount& r : active_runs_)
    if (r.count) out.push_back({r.count, r.key.run, r.key.mrr});
  // Hash order is the library's: sort, so every build sums in the same order.
  std::sort(out.begin(), out.end(), [](const ActiveSubscriber& a, const ActiveSubscriber& b) {
    return a.run != b.run ? a.run < b.run : a.mrr < b.mrr;
  });
  return out;
}

std::vector<std::vector<double>> SubscriptionAccumulator::FirstLifetimeSurvivors() const {
  std::vector<std::vector<double>> out;
  for (const CohortSums& sums : cohorts_) {
    if (sums.size == 0) continue;
    std::vector<double> alive(sums.first_churn.size());
    int64_t n = sums.size;
    for (size_t a = 0; a < alive.size(); ++a) alive[a] = double(n -= sums.first_churn[a]);
    out.push_back(std::move(alive));
  }
  return out;
}

std::vector<MonthReport> SubscriptionAccumulator::Months() const {
  CheckFinished();
  std::vector<MonthReport> out;
  for (Month m = from_; m <= to_; ++m) {
    const MonthSums& s = at(m);
    const MonthSums& p = at(m - 1);
    RevenueMonth r;
    r.mrr = s.mrr;
    r.arr = 12 * s.mrr;
    r.contracted_arr = 12 * s.contracted;
    r.paying_customers = s.paying;
    r.arpu = UnitMoney(s.mrr, s.paying);
    r.non_recurring_revenue = s.non_recurring;
    r.mrr_incl_non_recurring = s.mrr + s.non_recurring;
    r.mrr_prev = p.mrr;
    r.paying_customers_prev = p.paying;
    MovementsMonth mv = s.moves;
    mv.net_change = s.mrr - p.mrr;
    mv.upsell.rate = Percent(double(mv.upsell.customers), double(p.paying));
    mv.cross_sell.rate = Percent(double(mv.cross_sell.customers), double(p.paying));
    MonthReport month;
    month.month = m;
    month.retention = Retention(r, mv, s.retained, s.t12_base, s.t12_now);
    month.revenue = r;
    month.movements = mv;
    out.push_back(std::move(month));
  }
  return out;
}

std::vector<Cohort> SubscriptionAccumulator::Cohorts() const {
  std::vector<Cohort> out;
  for (Month k = from_; k <= to_; ++k) {
    const CohortSums& sums = cohorts_[size_t(k - from_)];
    if (sums.size == 0) continue;
    Cohort cohort{k, sums.size, sums.age_steps[0].amount, {}};
    Movement age;
    for (size_t a = 0; a + 1 < sums.age_steps.size(); ++a) {
      age.customers += sums.age_steps[a].customers;
      age.amount += sums.age_steps[a].amount;
      cohort.ages.push_back({int32_t(a), age.customers, double(age.customers) / double(sums.size) * 100.0,
                             age.amount, Percent(double(age.amount), double(cohort.mrr))});
    }
    out.push_back(std::move(cohort));
  }
  return out;
}

}  // namespace csm

// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "core/customer_mrr.hpp"
#include "core/kaplan_meier.hpp"
#include "core/report.hpp"

namespace csm {

/// The revenue, movement, retention, cohort and survival figures of one group of
/// customers (all of them, or one segment), accumulated one customer at a time so the
/// customer x month matrix never exists. Money stays in exact minor units throughout.
class SubscriptionAccumulator {
 public:
  /// `history` more months before `from` are followed too (for trailing windows).
  SubscriptionAccumulator(const SubscriptionsTable& t, Month from, Month to, int history = 0);

  void AddCustomer(const CustomerMonths& c);
  void AddNonRecurring(Month m, int64_t amount);
  /// Sums up what AddCustomer kept as differences; call once after the last customer,
  /// before Months() or BaseOf().
  void Finish();

  std::vector<MonthReport> Months() const;
  std::vector<Cohort> Cohorts() const;
  SurvivalCurve Survival() const { return KaplanMeier(survival_); }
  /// Per cohort with customers (first paying month from .. to, in order): the customers
  /// not yet churned for the first time after 0, 1, ..., to - k months. A comeback does
  /// not revive a customer here: the sBG model follows first lifetimes only.
  std::vector<std::vector<double>> FirstLifetimeSurvivors() const;
  /// Customers paying at `to`, each with the number of consecutive months it has paid up
  /// to and including `to`, and its MRR at `to`: one per customer (walk order) after
  /// ListActive(true); otherwise one per distinct (run, MRR) with `customer` holding how
  /// many customers share it, which is all the valuation needs and far smaller.
  std::vector<ActiveSubscriber> Active() const;
  void ListActive(bool each) { list_active_ = each; }

  /// What unit economics needs of month m: MRR, N(m), new customers, and the customers
  /// churned in m-W+1 .. m with the sum of their N(j-1) (months before the followed
  /// history count as nothing).
  struct Base {
    int64_t mrr = 0, paying = 0, new_customers = 0, window_churned = 0, window_base = 0;
  };
  Base BaseOf(Month m, int window) const;

  struct Run {
    Month from, to;  // [from, to)
    int64_t value;
  };
  /// The last customer AddCustomer took, as maximal runs of equal MRR from its first month
  /// through `to` (months past its MRR are a run of zeros), for other sums of the same walk.
  std::span<const Run> LastRuns() const { return runs_; }
  /// CustomerMonths::AfterLastPaying() of that customer, from its runs instead of a scan of
  /// its trailing zero months: the month after its last with MRR, `first` when none.
  Month LastAfterPaying(Month first) const {
    for (size_t i = runs_.size(); i-- > 0;)
      if (runs_[i].value != 0) return runs_[i].to;
    return first;
  }

 private:
  struct MonthSums {
    int64_t mrr = 0, paying = 0, contracted = 0, non_recurring = 0;
    MovementsMonth moves;
    int64_t retained = 0, t12_base = 0, t12_now = 0;
  };
  // Figures that stay constant while a customer's MRR does: added run by run as
  // differences (+v in a run's first month, -v past its last) and summed in Finish(), so
  // a customer costs its runs, not its months.
  struct Levels {
    int64_t mrr = 0, paying = 0, contracted = 0, retained = 0, t12_base = 0, t12_now = 0;
  };
  struct CohortSums {
    int64_t size = 0;
    std::vector<Movement> age_steps;   // differences of (customers paying at age a, their MRR)
    std::vector<int64_t> first_churn;  // customers whose first month without MRR is age a
  };
  static void RunsOf(std::span<const int64_t> v, Month first, Month through, std::vector<Run>& out);
  void AddLevel(int64_t Levels::*field, Month from, Month to, int64_t value);
  void AddChanges(const CustomerMonths& c, Month first_paying);
  void AddMonth(const CustomerMonths& c, Month m, Month first_paying);
  void AddMovement(MonthSums& s, const CustomerMonths& c, Month m, int64_t prev, int64_t cur, Month first_paying);
  void AddTrailing12();
  void AddCohort(Month k);
  MonthSums& at(Month m) { return sums_[size_t(m - start_ + 1)]; }
  const MonthSums& at(Month m) const { return sums_[size_t(m - start_ + 1)]; }
  void CheckFinished() const;

  const SubscriptionsTable& t_;
  Month from_, to_, start_;
  std::vector<MonthSums> sums_;  // start-1 .. to
  std::vector<Levels> levels_;   // differences, start-1 .. to+1; empty until used
  std::vector<Run> runs_;        // the current customer's MRR, run by run, through to
  std::vector<Run> contracted_runs_;  // its contracted MRR likewise
  std::vector<CohortSums> cohorts_;  // by first paying month, from .. to
  std::vector<SurvivalObservation> survival_;
  struct RunKey {
    int32_t run;
    int64_t mrr;
    bool operator==(const RunKey&) const = default;
  };
  struct RunCount {
    RunKey key;
    uint32_t count = 0;  // 0: an empty slot
  };
  void CountRun(RunKey key);
  size_t Slot(RunKey key) const;  // the key's slot, or the empty one where it would go
  bool list_active_ = false;
  std::vector<ActiveSubscriber> active_;
  // Open addressing in 64-bit arithmetic: a few thousand distinct keys met once per paying
  // customer, where std::unordered_map's 32-bit hashing and prime modulo cost in wasm.
  std::vector<RunCount> active_runs_;
  size_t active_run_keys_ = 0;
};

/// A customer's first month with MRR > 0, or none.
std::optional<Month> FirstPayingMonth(const CustomerMonths& c);

/// Annualised churn of a monthly rate in percent: 1 - (1 - r)^12.
double Annualise(double monthly_percent);

}  // namespace csm

// SPDX-License-Identifier: MIT
// Files nobody on this project wrote: the IBM Telco churn table and Stripe's export columns.
#include <gtest/gtest.h>

#include "core/engine.hpp"
#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

// Telco has no dates or transactions; its TotalCharges is a customer's billed total to
// the snapshot, which maps onto a transactions row dated at the snapshot.
LoadOptions TelcoAsTransactions(bool lenient) {
  LoadOptions o;
  o.source = "Telco-Customer-Churn.csv";
  o.mapping = {{"customer_id", "customerID"}, {"amount", "TotalCharges"}};
  o.constants = {{"date", "2024-12-31"}};
  o.lenient = lenient;
  return o;
}

}  // namespace

TEST(RealFiles, TelcoBlankTotalChargesAreReportedNotGuessed) {
  const std::string telco = ReadFile(SharedData("telco_churn/Telco-Customer-Churn.csv"));
  ASSERT_GT(telco.size(), 900000u);
  Engine engine;
  LoadSummary s = engine.Load(TableKind::kTransactions, telco, TelcoAsTransactions(true));
  EXPECT_EQ(s.rows, 7032u);
  ASSERT_EQ(s.rejected.size(), 11u);
  const int64_t lines[] = {490, 755, 938, 1084, 1342, 3333, 3828, 4382, 5220, 6672, 6756};
  for (size_t i = 0; i < 11; ++i) {
    EXPECT_EQ(s.rejected[i].line, lines[i]);
    EXPECT_EQ(s.rejected[i].column, "amount");
    EXPECT_EQ(s.rejected[i].message, "Telco-Customer-Churn.csv line " + std::to_string(lines[i]) +
                                         ", column amount (\"TotalCharges\"): an amount is required");
  }
  // The other columns are kept as segment attributes, Contract among them.
  const auto& t = *engine.dataset().transactions;
  int contract = t.attributes.Find("Contract");
  ASSERT_GE(contract, 0);
  size_t two_year = 0;
  for (uint32_t v : t.attributes.values[contract]) two_year += engine.dataset().values.Get(v) == "Two year";
  EXPECT_EQ(two_year, 1695u - 10u);  // 10 of the 11 blank rows are two-year contracts
  // Strict mode stops at the first blank and loads nothing.
  Engine strict;
  try {
    strict.Load(TableKind::kTransactions, telco, TelcoAsTransactions(false));
    FAIL();
  } catch (const CsmError& e) {
    EXPECT_EQ(e.line(), 490);
    EXPECT_EQ(e.column(), "amount");
  }
  EXPECT_FALSE(strict.dataset().transactions.has_value());
}

TEST(RealFiles, StripeSubscriptionsExportLoadsWithThePreset) {
  // Column names as observed in shared/data/stripe_formats, in an export's order.
  const std::string csv =
      "id,Customer ID,Customer Name,Customer Email,Status,Cancellation Reason,Created (UTC),"
      "Start Date (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),"
      "Trial End (UTC),Canceled At (UTC),Ended At (UTC),Plan,Quantity,Currency,Amount,Interval,"
      "plan_tier (metadata)\n"
      "sub_1,cus_A,Ann,a@x.io,active,,2024-01-03 10:00,2024-01-03 10:00,2024-03-03 10:00,"
      "2024-04-03 10:00,,,,,Pro,3,usd,49.00,month,gold\n"
      "sub_2,cus_B,Bob,b@x.io,canceled,payment_failed,2024-01-10 09:00,2024-01-10 09:00,,,"
      ",,2024-02-20 12:00,2024-02-20 12:00,Basic,1,usd,10.00,month,\n"
      "sub_3,cus_C,Cy,c@x.io,trialing,,2024-02-25 00:00,2024-02-25 00:00,,,2024-02-25 00:00,"
      "2024-03-10 00:00,,,Pro,1,usd,490.00,year,\n";
  Engine engine;
  LoadOptions o;
  o.preset = "stripe";
  LoadSummary s = engine.Load(TableKind::kSubscriptions, csv, o);
  ASSERT_EQ(s.rows, 3u);
  const auto& t = *engine.dataset().subscriptions;
  EXPECT_EQ(t.amount[0], 49'000'000);                 // major units: the preset's assumption
  EXPECT_EQ(t.quantity[0], 3u);
  EXPECT_EQ(t.churn_type[1], ChurnType::kInvoluntary);  // payment_failed
  EXPECT_EQ(t.end[1], ParseDate("2024-02-20").day);     // Ended At (UTC)
  EXPECT_EQ(t.start[2], ParseDate("2024-03-10").day);   // paying from the trial's end
  EXPECT_GE(t.attributes.Find("plan_tier"), 0);         // "(metadata)" dropped
  EXPECT_GE(t.attributes.Find("Status"), 0);
  Report r = engine.BuildReport({});
  EXPECT_EQ(r.meta.currency, "USD");
  EXPECT_EQ(r.months.back().revenue->mrr, 14700 + 4083);  // 3 x 49 + 490/12
  // The caller overrides the unit when the export is in cents.
  o.amount_unit = AmountUnit::kMinor;
  Engine cents;
  cents.Load(TableKind::kSubscriptions, csv, o);
  EXPECT_EQ(cents.dataset().subscriptions->amount[0], 490'000);
}

// SPDX-License-Identifier: MIT
// The RFM summary against the one shipped with the lifetimes package for the CDNOW sample
// (calibration weeks 1-39, to 1997-09-30), and hand-made cases for each convention.
#include "core/rfm_summary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/dates.hpp"

using namespace csm;

namespace {

std::string Shared(const std::string& rel) { return std::string(CSM_SHARED_DATA) + "/" + rel; }

Day Yyyymmdd(const std::string& s) {
  return DaysFromCivil(std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2)));
}

// CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars. Keyed by the sample id,
// which is the ID of the summary files.
std::vector<Purchase> ReadCdnowSample() {
  std::ifstream in(Shared("cdnow/CDNOW_sample.txt"));
  std::vector<Purchase> out;
  std::string master, sample, date;
  double cds = 0, dollars = 0;
  while (in >> master >> sample >> date >> cds >> dollars)
    out.push_back({uint32_t(std::stoul(sample)), Yyyymmdd(date), dollars});
  return out;
}

// A CSV of numbers with a header line (either line ending); first column the id.
std::map<uint32_t, std::vector<double>> ReadNumericCsv(const std::string& rel) {
  std::ifstream in(Shared(rel));
  std::string line;
  std::getline(in, line);
  std::map<uint32_t, std::vector<double>> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::stringstream cells(line);
    std::string cell;
    std::vector<double> values;
    while (std::getline(cells, cell, ',')) values.push_back(std::stod(cell));
    rows[uint32_t(values[0])] = std::vector<double>(values.begin() + 1, values.end());
  }
  return rows;
}

RfmOptions CdnowCalibration() {
  RfmOptions o;
  o.calibration_end = DaysFromCivil(1997, 9, 30);
  o.holdout_end = DaysFromCivil(1998, 6, 30);
  o.unit = TimeUnit::kWeeks;
  return o;
}

// The files print 2 decimals: equal when within half a unit of the last printed digit.
constexpr double kPrinted = 0.005 + 1e-9;

}  // namespace

TEST(RfmSummary, ReproducesLifetimesCdnowSummary) {
  const RfmSummary s = SummariseRfm(ReadCdnowSample(), CdnowCalibration());
  const auto expected = ReadNumericCsv("cdnow/cdnow_customers_summary.csv");  // frequency, recency, T
  ASSERT_EQ(expected.size(), 2357u);
  ASSERT_EQ(s.customers.size(), 2357u);
  for (const CustomerRfm& c : s.customers) {
    SCOPED_TRACE("customer " + std::to_string(c.customer));
    const auto it = expected.find(c.customer);
    ASSERT_NE(it, expected.end());
    EXPECT_EQ(c.x, int(it->second[0]));
    EXPECT_NEAR(c.t_x, it->second[1], kPrinted);
    EXPECT_NEAR(c.T, it->second[2], kPrinted);
  }
}

TEST(RfmSummary, ReproducesLifetimesCdnowSummaryWithSpend) {
  const RfmSummary s = SummariseRfm(ReadCdnowSample(), CdnowCalibration());
  const auto expected = ReadNumericCsv("cdnow/cdnow_customers_summary_with_transactions.csv");
  ASSERT_EQ(expected.size(), 2357u);
  ASSERT_EQ(s.customers.size(), 2357u);
  int repeat_buyers = 0;
  for (const CustomerRfm& c : s.customers) {
    SCOPED_TRACE("customer " + std::to_string(c.customer));
    const auto it = expected.find(c.customer);
    ASSERT_NE(it, expected.end());
    EXPECT_EQ(c.x, int(it->second[0]));
    EXPECT_NEAR(c.t_x, it->second[1], kPrinted);
    EXPECT_NEAR(c.T, it->second[2], kPrinted);
    EXPECT_NEAR(c.zbar, it->second[3], kPrinted);
    repeat_buyers += c.x > 0;
  }
  EXPECT_EQ(repeat_buyers, 946);  // the Gamma-Gamma paper's sample
}

TEST(RfmSummary, CdnowCustomerOneByHand) {
  // Sample customer 1: 1997-01-01 (29.33), 01-18 (29.73), 08-02 (14.96); 12-12 (26.48) is
  // in the holdout. T is measured to 1997-09-30 inclusive: 272 days.
  const RfmSummary s = SummariseRfm(ReadCdnowSample(), CdnowCalibration());
  const CustomerRfm& c = s.customers.front();
  EXPECT_EQ(c.customer, 1u);
  EXPECT_EQ(c.first_day, DaysFromCivil(1997, 1, 1));
  EXPECT_EQ(c.x, 2);
  EXPECT_DOUBLE_EQ(c.t_x, 213.0 / 7);
  EXPECT_DOUBLE_EQ(c.T, 272.0 / 7);
  EXPECT_DOUBLE_EQ(c.zbar, (29.73 + 14.96) / 2);
  EXPECT_EQ(c.holdout_x, 1);
  EXPECT_DOUBLE_EQ(s.holdout_length, 273.0 / 7);  // 1997-10-01 .. 1998-06-30
}

TEST(RfmSummary, SameDayPurchasesAreOneTransaction) {
  const std::vector<Purchase> p = {{7, 10, 5.0}, {7, 10, 6.0}, {7, 12, 1.0},
                                   {7, 12, 2.0}, {7, 12, 3.0}, {7, 20, 10.0}};
  RfmOptions o;
  o.calibration_end = 30;
  o.unit = TimeUnit::kDays;
  const RfmSummary s = SummariseRfm(p, o);
  ASSERT_EQ(s.customers.size(), 1u);
  const CustomerRfm& c = s.customers[0];
  EXPECT_EQ(c.x, 2);            // days 12 and 20 after the first day 10
  EXPECT_EQ(c.t_x, 10.0);       // 20 - 10
  EXPECT_EQ(c.T, 20.0);         // 30 - 10
  EXPECT_EQ(c.zbar, 8.0);       // (1+2+3 + 10) / 2: the first day's 11 is left out
  EXPECT_EQ(c.holdout_x, 0);
}

TEST(RfmSummary, OneTimeBuyerHasZeroRecencyAndSpend) {
  RfmOptions o;
  o.calibration_end = 100;
  o.unit = TimeUnit::kDays;
  const RfmSummary s = SummariseRfm(std::vector<Purchase>{{1, 40, 99.0}, {1, 40, 1.0}}, o);
  ASSERT_EQ(s.customers.size(), 1u);
  EXPECT_EQ(s.customers[0].x, 0);
  EXPECT_EQ(s.customers[0].t_x, 0.0);
  EXPECT_EQ(s.customers[0].T, 60.0);
  EXPECT_EQ(s.customers[0].zbar, 0.0);
}

TEST(RfmSummary, CalibrationEndIsInclusiveAndLaterFirstBuyersAreLeftOut) {
  const std::vector<Purchase> p = {
      {1, 0, 1}, {1, 50, 2},           // repeat exactly on the calibration end
      {2, 50, 3},                      // first purchase on the calibration end: T = 0
      {3, 51, 4}, {3, 60, 5},          // first purchase after it: not yet a customer
      {4, 10, 6}, {4, 51, 7}, {4, 51, 8}, {4, 70, 9}, {4, 71, 1}, {4, 99, 1}};
  RfmOptions o;
  o.calibration_end = 50;
  o.holdout_end = 71;
  o.unit = TimeUnit::kDays;
  const RfmSummary s = SummariseRfm(p, o);
  ASSERT_EQ(s.customers.size(), 3u);
  EXPECT_EQ(s.customers[0].customer, 1u);
  EXPECT_EQ(s.customers[0].x, 1);
  EXPECT_EQ(s.customers[0].t_x, 50.0);
  EXPECT_EQ(s.customers[1].customer, 2u);
  EXPECT_EQ(s.customers[1].T, 0.0);
  EXPECT_EQ(s.customers[2].customer, 4u);
  EXPECT_EQ(s.customers[2].x, 0);
  EXPECT_EQ(s.customers[2].holdout_x, 3);  // days 51, 70, 71; day 99 is after the holdout
  EXPECT_EQ(s.holdout_end, 71);
  EXPECT_EQ(s.holdout_length, 21.0);
}

TEST(RfmSummary, WithoutHoldoutEndEveryLaterPurchaseCounts) {
  RfmOptions o;
  o.calibration_end = 50;
  o.unit = TimeUnit::kWeeks;
  const RfmSummary s = SummariseRfm(std::vector<Purchase>{{1, 1, 1}, {1, 60, 1}, {1, 120, 1}}, o);
  ASSERT_EQ(s.customers.size(), 1u);
  EXPECT_EQ(s.customers[0].holdout_x, 2);
  EXPECT_EQ(s.holdout_end, 120);
  EXPECT_DOUBLE_EQ(s.holdout_length, 10.0);
  EXPECT_DOUBLE_EQ(s.customers[0].T, 7.0);
}

TEST(RfmSummary, InputOrderDoesNotMatter) {
  std::vector<Purchase> p = ReadCdnowSample();
  const RfmSummary a = SummariseRfm(p, CdnowCalibration());
  std::reverse(p.begin(), p.end());
  const RfmSummary b = SummariseRfm(p, CdnowCalibration());
  ASSERT_EQ(a.customers.size(), b.customers.size());
  for (size_t i = 0; i < a.customers.size(); ++i) {
    EXPECT_EQ(a.customers[i].customer, b.customers[i].customer);
    EXPECT_EQ(a.customers[i].x, b.customers[i].x);
    EXPECT_EQ(a.customers[i].t_x, b.customers[i].t_x);
    EXPECT_EQ(a.customers[i].holdout_x, b.customers[i].holdout_x);
    // Same-day amounts are summed in input order, so only the last bits may differ.
    EXPECT_NEAR(a.customers[i].zbar, b.customers[i].zbar, 1e-12 * a.customers[i].zbar);
  }
}

TEST(RfmSummary, EmptyInputGivesEmptySummary) {
  RfmOptions o;
  o.calibration_end = 5;
  EXPECT_TRUE(SummariseRfm({}, o).customers.empty());
}

TEST(RfmSummary, RejectsBadInput) {
  RfmOptions o;
  o.calibration_end = 10;
  const std::vector<Purchase> nan = {{1, 1, std::nan("")}};
  EXPECT_THROW(SummariseRfm(nan, o), std::invalid_argument);
  o.holdout_end = 9;
  try {
    SummariseRfm(std::vector<Purchase>{{1, 1, 1.0}}, o);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("before calibration end"), std::string::npos);
  }
}

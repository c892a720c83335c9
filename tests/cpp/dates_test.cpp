// SPDX-License-Identifier: MIT
#include "core/dates.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

using namespace csm;

TEST(Dates, ParsesIsoDates) {
  EXPECT_EQ(ParseDate("1970-01-01").day, 0);
  EXPECT_EQ(ParseDate("2024-02-29").day, DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(FormatDay(ParseDate("2024-03-01").day), "2024-03-01");
}

TEST(Dates, RejectsImpossibleDates) {
  EXPECT_STREQ(ParseDate("2024-02-30").error, "is not a valid calendar date");
  EXPECT_STREQ(ParseDate("2023-02-29").error, "is not a valid calendar date");
  EXPECT_STREQ(ParseDate("2024-13-01").error, "is not a valid calendar date");
  EXPECT_STREQ(ParseDate("03/01/2024").error, "is not a date (YYYY-MM-DD)");
  EXPECT_STREQ(ParseDate("2024-3-1").error, "is not a date (YYYY-MM-DD)");
  EXPECT_STREQ(ParseDate("2024-03-01x").error, "is not a date (YYYY-MM-DD)");
  EXPECT_STREQ(ParseDate("2024-03-01T25:00").error, "is not a valid time");
}

TEST(Dates, TimestampsConvertToUtcDay) {
  Day d = DaysFromCivil(2024, 3, 1);
  EXPECT_EQ(ParseDate("2024-03-01T10:00:00").day, d);           // no offset: UTC
  EXPECT_EQ(ParseDate("2024-03-01 23:59:59Z").day, d);
  EXPECT_EQ(ParseDate("2024-03-01T08:00:00+09:00").day, d - 1);  // Tokyo morning
  EXPECT_EQ(ParseDate("2024-02-29T20:00:00-05:00").day, d);      // New York evening
  EXPECT_EQ(ParseDate("2024-03-01T00:30+0100").day, d - 1);
  EXPECT_EQ(ParseDate("2024-03-01T12:00:00.123456Z").day, d);
  EXPECT_STREQ(ParseDate("2024-03-01T10:00+25:00").error, "has an invalid time zone");
}

// Found by the parsers' fuzz harness: an offset carried the first day into year 999, which
// printed as a date the parser refuses. The UTC day must be one a date can name.
TEST(Dates, TimestampsStayWithinTheYearsADateCanName) {
  EXPECT_STREQ(ParseDate("1000-01-01T02:00+09").error, "is not a valid calendar date");
  EXPECT_STREQ(ParseDate("9999-12-31T23:00-05:00").error, "is not a valid calendar date");
  EXPECT_EQ(ParseDate("1000-01-01T10:00+09").day, DaysFromCivil(1000, 1, 1));
  EXPECT_EQ(ParseDate("9999-12-31T18:00-05:00").day, DaysFromCivil(9999, 12, 31));
}

TEST(Dates, MonthsAreIntegers) {
  EXPECT_EQ(ParseMonth("2024-03").month, 2024 * 12 + 2);
  EXPECT_EQ(FormatMonth(2024 * 12 + 11), "2024-12");
  EXPECT_EQ(MonthOfDay(DaysFromCivil(2024, 12, 31)), 2024 * 12 + 11);
  EXPECT_EQ(FirstDayOfMonth(2025 * 12), DaysFromCivil(2025, 1, 1));
  EXPECT_STREQ(ParseMonth("2024-3").error, "is not a month (YYYY-MM)");
  EXPECT_STREQ(ParseMonth("2024-00").error, "is not a valid month");
}

TEST(Dates, RoundTripsEveryDayOfFourCenturies) {
  for (Day d = DaysFromCivil(1900, 1, 1); d < DaysFromCivil(2300, 1, 1); ++d) {
    DateParse p = ParseDate(FormatDay(d));
    ASSERT_EQ(p.error, nullptr);
    ASSERT_EQ(p.day, d);
  }
}

// The table of first days (1970-2129) and the arithmetic outside it agree with the
// calendar, at the table's edges too.
TEST(Dates, FirstDayOfMonthIsTheCalendars) {
  for (Month m = 1000 * 12; m < 10000 * 12; ++m) {
    ASSERT_EQ(FirstDayOfMonth(m), DaysFromCivil(m / 12, m % 12 + 1, 1)) << m;
    ASSERT_EQ(MonthOfDay(FirstDayOfMonth(m)), m);
    ASSERT_EQ(MonthOfDay(LastDayOfMonth(m)), m);
  }
  static_assert(DaysFromCivil(1970, 1, 1) == 0 && DaysFromCivil(2000, 3, 1) == 11017);
  EXPECT_EQ(FormatDay(LastDayOfMonth(1969 * 12 + 11)), "1969-12-31");
  EXPECT_EQ(FormatDay(FirstDayOfMonth(1970 * 12)), "1970-01-01");
  EXPECT_EQ(FormatDay(LastDayOfMonth(2129 * 12 + 11)), "2129-12-31");
  EXPECT_EQ(FormatDay(FirstDayOfMonth(2130 * 12)), "2130-01-01");
}

// The memo must never change an answer: every day of four centuries (each month met
// first as a miss, then hit), then, with every month known, each month's edge days, days
// past its end (2023-02-29, -31 of a 30-day month), non-digit days and timestamps.
TEST(Dates, DateParserAnswersAsParseDate) {
  DateParser parse;
  auto same = [&](const std::string& s) {
    const DateParse a = ParseDate(s), b = parse(s);
    ASSERT_EQ(a.error == nullptr, b.error == nullptr) << s;
    if (a.error) ASSERT_STREQ(a.error, b.error) << s;
    else ASSERT_EQ(a.day, b.day) << s;
  };
  for (Day d = DaysFromCivil(1900, 1, 1); d < DaysFromCivil(2300, 1, 1); ++d) same(FormatDay(d));
  const char* tails[] = {"00", "01", "28", "29", "30", "31", "32", "0a", "a1", "1:", "9/", "99"};
  const char* times[] = {"", "T10:00", " 23:30-05:00", "T00:30+0100", "X", "T25:00", "Z"};
  for (int y : {1000, 1999, 2000, 2023, 2024, 2100, 9999})
    for (int m = 0; m <= 13; ++m)
      for (const char* tail : tails)
        for (const char* time : times) {
          char ym[16];
          std::snprintf(ym, sizeof ym, "%04d-%02d-", y, m);
          same(std::string(ym) + tail + time);
        }
  for (const char* s : {"", "2024-03-1", "2024-03-01x", "2024/03-01", "0999-12-31", "1000-01-01T02:00+09"})
    same(s);
}

// The table's months must be MonthOfDay's, inside the span, at its edges (months that
// start or end part-way through it) and outside it, where it falls back to arithmetic.
TEST(Dates, MonthsOfDaysAgreesWithMonthOfDayInAndOutOfItsSpan) {
  const Day from = DaysFromCivil(2023, 2, 17), to = DaysFromCivil(2025, 3, 1);
  const MonthsOfDays months(from, to);
  for (Day d = from - 400; d < to + 400; ++d) ASSERT_EQ(months(d), MonthOfDay(d)) << FormatDay(d);
  EXPECT_EQ(months(DaysFromCivil(1000, 6, 30)), 1000 * 12 + 5);
  EXPECT_EQ(months(DaysFromCivil(5000, 1, 1)), 5000 * 12);
  // A span over 50,000 days keeps only its last 50,000 in the table; all days still agree.
  const MonthsOfDays wide(DaysFromCivil(1800, 1, 1), DaysFromCivil(2100, 1, 1));
  for (Day d = DaysFromCivil(1799, 12, 1); d < DaysFromCivil(2100, 2, 1); d += 7) ASSERT_EQ(wide(d), MonthOfDay(d));
  const MonthsOfDays empty(to, from);
  EXPECT_EQ(empty(from), MonthOfDay(from));
}

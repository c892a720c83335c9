// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csm {

/// Days since 1970-01-01 (UTC). Dates are stored this way: 4 bytes, ordered, exact.
using Day = int32_t;
/// Months since year 0: year * 12 + (month - 1). Month arithmetic is integer arithmetic.
using Month = int32_t;

struct DateParse {
  Day day = 0;
  const char* error = nullptr;  ///< reason, or null on success
};

/// ISO 8601 date "YYYY-MM-DD" or timestamp "YYYY-MM-DD[T ]HH:MM[:SS[.f]][Z|+HH:MM|-HHMM]".
/// A timestamp with an offset is converted to its UTC day; without one it is UTC.
DateParse ParseDate(std::string_view text);

struct MonthParse {
  Month month = 0;
  const char* error = nullptr;
};
/// "YYYY-MM".
MonthParse ParseMonth(std::string_view text);

Day DaysFromCivil(int year, int month, int day);
void CivilFromDays(Day day, int& year, int& month, int& dom);
Month MonthOfDay(Day day);
Day FirstDayOfMonth(Month month);
/// The day a month ends on: rows, answers and purchases count "at the end of month m".
inline Day LastDayOfMonth(Month month) { return FirstDayOfMonth(month + 1) - 1; }
std::string FormatMonth(Month month);  ///< "YYYY-MM"
std::string FormatDay(Day day);        ///< "YYYY-MM-DD"

/// MonthOfDay by lookup for the days of one span, [from, to) (the last 50,000 days of it
/// at most), and by arithmetic outside it: the report's walk converts two dates a row.
class MonthsOfDays {
 public:
  MonthsOfDays(Day from, Day to);
  Month operator()(Day day) const {
    const uint64_t i = uint64_t(int64_t(day) - from_);
    return i < months_.size() ? months_[i] : MonthOfDay(day);
  }

 private:
  int64_t from_;
  std::vector<Month> months_;
};

}  // namespace csm

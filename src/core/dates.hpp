// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

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

/// ParseDate for a table's column of dates, the same results: a table's dates fall in a
/// few dozen months, so the months it has met are kept ("YYYY-MM-" as one word, with the
/// month's first day and length) and a repeat costs a compare and the day's two digits
/// instead of the calendar arithmetic.
class DateParser {
 public:
  /// Inline: a hit is a dozen instructions, called for every date cell.
  DateParse operator()(std::string_view s) {
    if (s.size() == 10) {
      const uint64_t word = LoadLittleEndian64(s.data());
      const KnownMonth& known = Slot(word);
      const unsigned d0 = static_cast<unsigned char>(s[8]) - unsigned('0');
      const unsigned d1 = static_cast<unsigned char>(s[9]) - unsigned('0');
      const unsigned d = d0 * 10 + d1;
      if (known.word == word && d0 <= 9 && d1 <= 9 && d >= 1 && d <= known.days)
        return DateParse{known.first + Day(d) - 1, nullptr};
    }
    return Miss(s);
  }

 private:
  struct KnownMonth {
    uint64_t word = 0;  // never a valid "YYYY-MM-": its bytes are not digits
    Day first = 0;
    unsigned days = 0;
  };
  KnownMonth& Slot(uint64_t word) { return months_[(word * 0x9E3779B97F4A7C15ull) >> 56]; }
  DateParse Miss(std::string_view s);  // parses, and keeps the month when it is valid
  KnownMonth months_[256];
};

struct MonthParse {
  Month month = 0;
  const char* error = nullptr;
};
/// "YYYY-MM".
MonthParse ParseMonth(std::string_view text);

constexpr Day DaysFromCivil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * unsigned(m + (m > 2 ? -3 : 9)) + 2) / 5 + unsigned(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}
void CivilFromDays(Day day, int& year, int& month, int& dom);
Month MonthOfDay(Day day);
/// The first days of the months of 1970-2129, where subscriptions' dates fall: the walk
/// asks for some at every movement (churn types, cross-sell), and a lookup beats the
/// arithmetic (7.5 KiB of the module; other months are computed).
inline constexpr Month kFirstDaysFrom = 1970 * 12;
inline constexpr auto kFirstDays = [] {
  std::array<Day, 160 * 12> days{};
  for (size_t i = 0; i < days.size(); ++i) {
    const Month m = kFirstDaysFrom + Month(i);
    days[i] = DaysFromCivil(m / 12, m % 12 + 1, 1);
  }
  return days;
}();
inline Day FirstDayOfMonth(Month month) {
  const uint32_t i = uint32_t(month - kFirstDaysFrom);
  return i < kFirstDays.size() ? kFirstDays[i] : DaysFromCivil(month / 12, month % 12 + 1, 1);
}
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

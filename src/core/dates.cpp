// SPDX-License-Identifier: MIT
#include "core/dates.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/text.hpp"

namespace csm {
namespace {

// Reads exactly n ASCII digits at s[pos]; -1 when they are not all digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// "YYYY-MM-DD" at the start of s (which must hold at least 10 bytes). Every row has one
// or two dates: "YYYY-MM-" is checked as one little-endian word (the same on every
// platform), its digits in two masked compares.
bool ReadYmd(std::string_view s, int& y, int& m, int& d) {
  const uint64_t w = LoadLittleEndian64(s.data());
  constexpr uint64_t kDigits = 0x00FFFF00FFFFFFFFull;     // bytes 0-3 and 5-6
  constexpr uint64_t kDashes = uint64_t('-') << 32 | uint64_t('-') << 56;
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ull & kDigits, kZeros = 0x3030303030303030ull & kDigits;
  // A digit's high nibble is 3 and adding 6 keeps it 3 (0x3A..0x3F do not).
  if ((w & ~kDigits) != kDashes || (w & kHigh) != kZeros ||
      ((w + 0x0606060606060606ull) & kHigh) != kZeros)
    return false;
  const unsigned d0 = static_cast<unsigned char>(s[8]) - unsigned('0');
  const unsigned d1 = static_cast<unsigned char>(s[9]) - unsigned('0');
  if (d0 > 9 || d1 > 9) return false;
  auto digit = [&](int i) { return int((w >> (8 * i)) & 0x0F); };
  y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  m = digit(5) * 10 + digit(6);
  d = int(d0 * 10 + d1);
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Parses the time part after the date; returns the UTC offset correction in minutes
// to subtract from the local time, via minutes_of_day and offset_minutes.
const char* ParseTime(std::string_view s, int& minutes_of_day, int& offset_minutes) {
  int hh = Digits(s, 0, 2), mm = Digits(s, 3, 2);
  if (hh < 0 || mm < 0 || s.size() < 5 || s[2] != ':') return "is not a valid time";
  if (hh > 23 || mm > 59) return "is not a valid time";
  size_t pos = 5;
  if (pos < s.size() && s[pos] == ':') {
    int ss = Digits(s, pos + 1, 2);
    if (ss < 0 || ss > 60) return "is not a valid time";
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return "is not a valid time";
    }
  }
  minutes_of_day = hh * 60 + mm;
  offset_minutes = 0;
  if (pos == s.size()) return nullptr;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return nullptr;
  if (s[pos] != '+' && s[pos] != '-') return "has an invalid time zone";
  int sign = s[pos] == '-' ? -1 : 1;
  std::string_view tz = s.substr(pos + 1);
  int oh = Digits(tz, 0, 2), om = 0;
  if (oh < 0) return "has an invalid time zone";
  if (tz.size() == 5 && tz[2] == ':') om = Digits(tz, 3, 2);
  else if (tz.size() == 4) om = Digits(tz, 2, 2);
  else if (tz.size() != 2) return "has an invalid time zone";
  if (om < 0 || oh > 18 || om > 59) return "has an invalid time zone";
  offset_minutes = sign * (oh * 60 + om);
  return nullptr;
}

}  // namespace

void CivilFromDays(Day z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe) + era * 400 + (m <= 2);
}

namespace {

// The time part of a timestamp whose date gave r.day (s holds more than the 10 bytes).
DateParse AddTime(std::string_view s, DateParse r) {
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
    r.error = "is not a date (YYYY-MM-DD)";
    return r;
  }
  int minutes = 0, offset = 0;
  if ((r.error = ParseTime(s.substr(11), minutes, offset))) return r;
  int utc = minutes - offset;  // may leave the day in either direction
  if (utc < 0) r.day -= 1 + (-utc - 1) / 1440;
  else r.day += utc / 1440;
  // The offset can carry 1000-01-01 or 9999-12-31 into a year no date can name (and that
  // FormatDay would print as one the parser refuses): out of range, like such a date.
  if (r.day < DaysFromCivil(1000, 1, 1) || r.day > DaysFromCivil(9999, 12, 31))
    r.error = "is not a valid calendar date";
  return r;
}

bool IsValidMonth(int y, int m) { return y >= 1000 && m >= 1 && m <= 12; }

}  // namespace

DateParse ParseDate(std::string_view s) {
  DateParse r;
  int y, m, d;
  if (s.size() < 10 || !ReadYmd(s, y, m, d)) {
    r.error = "is not a date (YYYY-MM-DD)";
    return r;
  }
  if (!IsValidMonth(y, m) || d < 1 || (d > 28 && d > DaysInMonth(y, m))) {
    r.error = "is not a valid calendar date";
    return r;
  }
  r.day = DaysFromCivil(y, m, d);
  return s.size() == 10 ? r : AddTime(s, r);
}

DateParse DateParser::Miss(std::string_view s) {
  if (s.size() < 10) return ParseDate(s);
  const uint64_t word = LoadLittleEndian64(s.data());
  int y, m, d;
  if (ReadYmd(s, y, m, d) && IsValidMonth(y, m)) Slot(word) = {word, DaysFromCivil(y, m, 1), unsigned(DaysInMonth(y, m))};
  if (s.size() == 10) return ParseDate(s);
  DateParse r = (*this)(s.substr(0, 10));
  return r.error ? r : AddTime(s, r);
}

MonthParse ParseMonth(std::string_view s) {
  MonthParse r;
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2);
  if (s.size() != 7 || y < 0 || m < 0 || s[4] != '-') {
    r.error = "is not a month (YYYY-MM)";
    return r;
  }
  if (y < 1000 || m < 1 || m > 12) {
    r.error = "is not a valid month";
    return r;
  }
  r.month = y * 12 + (m - 1);
  return r;
}

Month MonthOfDay(Day day) {
  int y, m, d;
  CivilFromDays(day, y, m, d);
  return y * 12 + (m - 1);
}

std::string FormatMonth(Month month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
  return buf;
}

std::string FormatDay(Day day) {
  int y, m, d;
  CivilFromDays(day, y, m, d);
  char buf[32];  // room for any int year, so the format never truncates
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

MonthsOfDays::MonthsOfDays(Day from, Day to) : from_(std::max<int64_t>(from, int64_t(to) - 50'000)) {
  if (int64_t(to) <= from_) return;
  months_.reserve(size_t(int64_t(to) - from_));
  for (Month m = MonthOfDay(Day(from_)); int64_t(months_.size()) + from_ < to; ++m) {
    const int64_t next = std::min<int64_t>(FirstDayOfMonth(m + 1), to);
    months_.resize(size_t(next - from_), m);
  }
}

}  // namespace csm

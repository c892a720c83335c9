// SPDX-License-Identifier: MIT
// libFuzzer: the date, month and decimal parsers on any text. A success must round-trip:
// a parsed date prints as a date that parses to the same day. The text checker fed in
// three pieces must agree with it fed whole.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const csm::DateParse d = csm::ParseDate(text);
  if (!d.error) {
    const csm::DateParse again = csm::ParseDate(csm::FormatDay(d.day));
    if (again.error || again.day != d.day) std::abort();
  }
  const csm::MonthParse m = csm::ParseMonth(text);
  if (!m.error && csm::ParseMonth(csm::FormatMonth(m.month)).month != m.month) std::abort();
  for (int digits : {0, 2, 6, 12}) {
    const csm::DecimalParse p = csm::ParseDecimalScaled(text, digits);
    if (!p.error && digits == 6 && (p.micros > csm::kMaxAmountMajor * 1'000'000 || p.micros < -csm::kMaxAmountMajor * 1'000'000))
      std::abort();
  }
  const bool clean = !csm::FindTextProblem(text);
  const size_t a = size > 0 ? data[0] % (size + 1) : 0, b = a + (size - a) / 2;
  csm::CleanTextStream pieces;
  pieces.Feed(text.substr(0, a));
  pieces.Feed(text.substr(a, b - a));
  pieces.Feed(text.substr(b));
  if (pieces.Finish() != clean) std::abort();
  csm::IsCurrencyCode(text);
  return 0;
}

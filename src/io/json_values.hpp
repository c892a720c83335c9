// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/money.hpp"

namespace csm {

using Json = nlohmann::ordered_json;

// Money leaves the engine as a JSON number whose text is the exact decimal: whole
// values as integers, others through the shortest round-trip double, which for fewer
// than 15 significant digits is the decimal itself. `number` takes an int64_t or a double.
template <class Number>
auto MoneyAs(int64_t units, int exponent, Number&& number) {
  const int64_t scale = Pow10(exponent);
  if (units % scale == 0) return number(units / scale);
  return number(static_cast<double>(units) / static_cast<double>(scale));
}

inline Json Money(int64_t units, int exponent) {
  return MoneyAs(units, exponent, [](auto v) { return Json(v); });
}

inline Json OptionalMoney(const std::optional<int64_t>& units, int exponent) {
  return units ? Money(*units, exponent) : Json(nullptr);
}

inline Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

/// A model estimate: NaN (e.g. a standard error the Hessian cannot give) is null.
inline Json Estimate(double v) { return v == v ? Json(v) : Json(nullptr); }

}  // namespace csm

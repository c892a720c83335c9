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
// than 15 significant digits is the decimal itself.
inline Json Money(int64_t units, int exponent) {
  const int64_t scale = Pow10(exponent);
  if (units % scale == 0) return Json(units / scale);
  return Json(static_cast<double>(units) / static_cast<double>(scale));
}

inline Json OptionalMoney(const std::optional<int64_t>& units, int exponent) {
  return units ? Money(*units, exponent) : Json(nullptr);
}

inline Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

/// A model estimate: NaN (e.g. a standard error the Hessian cannot give) is null.
inline Json Estimate(double v) { return v == v ? Json(v) : Json(nullptr); }

/// Adds a member whose key the object does not hold yet (the caller's keys are distinct by
/// construction). ordered_json's operator[] finds a key by a linear search, so an object
/// filled key by key costs n^2/2 string compares: 6.5 M for 3,600 comments.
inline void AppendDistinct(Json& object, std::string key, Json value) {
  if (!object.is_object()) object = Json::object();
  auto& members = static_cast<Json::object_t::Container&>(object.get_ref<Json::object_t&>());
  members.emplace_back(std::move(key), std::move(value));
}

}  // namespace csm

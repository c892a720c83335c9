// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace csm {

enum class InputFormat { kAuto, kCsv, kJson };
/// Whether amounts are written in major units (49.90) or minor units (4990 cents).
enum class AmountUnit { kMajor, kMinor };

struct LoadOptions {
  std::string source;  ///< what the user loaded, for messages; default "<table>.csv"
  InputFormat format = InputFormat::kAuto;  ///< auto: '[' first means JSON
  bool lenient = false;  ///< skip and list bad rows instead of failing the table
  /// Caller's header names for canonical columns: {"customer_id", "Customer ID"}.
  std::vector<std::pair<std::string, std::string>> mapping;
  /// Values for canonical columns the file lacks: {"date", "2024-12-31"}.
  std::vector<std::pair<std::string, std::string>> constants;
  std::string preset;  ///< "" or "stripe" (subscriptions export)
  AmountUnit amount_unit = AmountUnit::kMajor;
  std::string currency;  ///< for tables whose file has no currency column
  int csat_scale = 5;    ///< responses: csat answers are 1..csat_scale
  int ces_scale = 7;     ///< responses: ces answers are 1..ces_scale
  size_t size_hint = 0;  ///< total bytes expected, to reserve columns once
};

}  // namespace csm

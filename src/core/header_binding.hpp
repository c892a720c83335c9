// SPDX-License-Identifier: MIT
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/load_options.hpp"
#include "core/tables.hpp"

namespace csm {

/// Where each canonical column sits in the input's header, after the caller's mapping
/// and any preset; every other header cell becomes a segment attribute.
struct HeaderBinding {
  std::vector<int> field_of_column;        ///< per TableColumns(kind) entry; -1 absent
  static constexpr int kConstant = -2;     ///< the column's value comes from `constants`
  std::vector<std::string> constant_of_column;
  std::vector<std::string> header_of_column;  ///< the header cell as written
  std::vector<std::string> attribute_names;
  std::vector<int> attribute_fields;
  int trial_end_field = -1;                ///< stripe preset: "Trial End (UTC)"
  size_t field_count = 0;
};

/// Throws CsmError (missing_column, duplicate_column, invalid_option) naming the table
/// and the header line.
HeaderBinding BindHeader(TableKind kind, std::span<const std::string_view> header,
                         const LoadOptions& options, const std::string& source,
                         int64_t header_line);

}  // namespace csm

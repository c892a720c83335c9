// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <span>
#include <string_view>

#include "core/tables.hpp"

namespace csm {

struct ColumnSpec {
  const char* name;  ///< canonical name (DATA.md)
  bool required;     ///< must be in the header (values may still be optional)
};

const char* TableName(TableKind kind);
std::optional<TableKind> TableFromName(std::string_view name);
std::span<const ColumnSpec> TableColumns(TableKind kind);
/// Index of a canonical column in TableColumns(kind), or -1.
int ColumnIndex(TableKind kind, std::string_view name);

}  // namespace csm

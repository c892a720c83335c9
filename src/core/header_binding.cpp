// SPDX-License-Identifier: MIT
#include "core/header_binding.hpp"

#include "core/errors.hpp"
#include "core/presets.hpp"
#include "core/schema.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

int FindHeader(std::span<const std::string_view> header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (EqualsIgnoreCase(Trim(header[i]), Trim(name))) return static_cast<int>(i);
  return -1;
}

const std::string* MappedHeader(const LoadOptions& options, std::string_view column) {
  for (const auto& [canonical, header] : options.mapping)
    if (EqualsIgnoreCase(canonical, column)) return &header;
  return nullptr;
}

struct Binder {
  TableKind kind;
  std::span<const std::string_view> header;
  const LoadOptions& options;
  const std::string& source;
  int64_t line;

  [[noreturn]] void Fail(ErrorCode code, const std::string& column, const std::string& reason) {
    throw CsmError(code, source + " line " + std::to_string(line) + ", column " + column + ": " +
                             reason, TableName(kind), line, column);
  }

  // Errors name canonical columns; an attribute keeps its header as written.
  std::string CanonicalOrAsWritten(std::string_view cell) const {
    for (const ColumnSpec& c : TableColumns(kind))
      if (EqualsIgnoreCase(c.name, cell)) return c.name;
    return std::string(cell);
  }

  void CheckDuplicates() {
    for (size_t i = 0; i < header.size(); ++i) {
      if (Trim(header[i]).empty()) continue;
      for (size_t j = 0; j < i; ++j)
        if (EqualsIgnoreCase(Trim(header[i]), Trim(header[j])))
          Fail(ErrorCode::kDuplicateColumn, CanonicalOrAsWritten(Trim(header[i])),
               "the header names this column twice (fields " + std::to_string(j + 1) + " and " +
                   std::to_string(i + 1) + ")");
    }
  }

  void CheckMappingKeys() {
    for (const auto& [canonical, value] : options.constants)
      if (ColumnIndex(kind, ToLower(canonical)) < 0)
        throw CsmError(ErrorCode::kInvalidOption,
                       "constants names \"" + canonical + "\", which is not a column of " +
                           TableName(kind), TableName(kind));
    for (const auto& [canonical, header_name] : options.mapping)
      if (ColumnIndex(kind, ToLower(canonical)) < 0)
        throw CsmError(ErrorCode::kInvalidOption,
                       "mapping names \"" + canonical + "\", which is not a column of " +
                           TableName(kind), TableName(kind));
  }

  int Locate(std::string_view column, const PresetColumn* preset) {
    if (const std::string* mapped = MappedHeader(options, column)) {
      int field = FindHeader(header, *mapped);
      if (field < 0)
        Fail(ErrorCode::kMissingColumn, std::string(column),
             "the mapped header \"" + *mapped + "\" is not in the file");
      return field;
    }
    int field = FindHeader(header, column);
    if (field >= 0 || !preset) return field;
    for (const char* candidate : preset->candidates)
      if ((field = FindHeader(header, candidate)) >= 0) return field;
    return -1;
  }
};

const PresetColumn* FindPreset(std::span<const PresetColumn> preset, std::string_view column) {
  for (const auto& p : preset)
    if (column == p.column) return &p;
  return nullptr;
}

}  // namespace

HeaderBinding BindHeader(TableKind kind, std::span<const std::string_view> header,
                         const LoadOptions& options, const std::string& source,
                         int64_t header_line) {
  Binder binder{kind, header, options, source, header_line};
  if (!IsKnownPreset(options.preset))
    throw CsmError(ErrorCode::kInvalidOption, "unknown preset \"" + options.preset + "\"",
                   TableName(kind));
  binder.CheckMappingKeys();
  binder.CheckDuplicates();
  auto preset = PresetColumns(options.preset, kind);
  auto columns = TableColumns(kind);

  HeaderBinding b;
  b.field_count = header.size();
  std::vector<bool> used(header.size(), false);
  for (const ColumnSpec& col : columns) {
    int field = binder.Locate(col.name, FindPreset(preset, col.name));
    if (field >= 0 && used[field])
      throw CsmError(ErrorCode::kInvalidOption,
                     std::string("two columns are mapped to the header \"") +
                         std::string(Trim(header[field])) + "\"", TableName(kind));
    const std::string* constant = nullptr;
    for (const auto& [name, value] : options.constants)
      if (EqualsIgnoreCase(name, col.name)) constant = &value;
    if (field < 0 && constant) {
      b.field_of_column.push_back(HeaderBinding::kConstant);
      b.constant_of_column.push_back(*constant);
      b.header_of_column.emplace_back();
      continue;
    }
    if (field < 0 && col.required && !(preset.size() && std::string_view(col.name) == "plan"))
      binder.Fail(ErrorCode::kMissingColumn, col.name, "required column is missing");
    if (field >= 0) used[field] = true;
    b.field_of_column.push_back(field);
    b.constant_of_column.emplace_back();
    b.header_of_column.emplace_back(field >= 0 ? Trim(header[field]) : std::string_view());
  }
  if (const PresetColumn* trial = FindPreset(preset, "trial_end")) {
    b.trial_end_field = binder.Locate("trial_end", trial);
    if (b.trial_end_field >= 0) used[b.trial_end_field] = true;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    std::string_view name = Trim(header[i]);
    if (used[i] || name.empty()) continue;
    b.attribute_names.emplace_back(preset.empty() ? name : StripMetadataSuffix(name));
    b.attribute_fields.push_back(static_cast<int>(i));
  }
  return b;
}

}  // namespace csm

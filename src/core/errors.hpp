// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace csm {

/// A closed list: JS sees these as CsMetricsError.code strings (docs/errors.md).
enum class ErrorCode {
  kInvalidValue,         ///< a cell that is not what its column holds
  kMissingColumn,        ///< a required column is absent from the header
  kDuplicateColumn,      ///< two header cells map to one column
  kFieldCount,           ///< a row with more or fewer cells than the header
  kDuplicateKey,         ///< a ticket or customer id seen twice
  kMalformedCsv,         ///< unterminated quote and the like: fails the table
  kMalformedJson,        ///< not an array of flat objects
  kMissingExchangeRate,  ///< a currency month without a rate
  kMixedCurrency,        ///< several currencies without exchange rates
  kInvalidOption,        ///< a caller setting that makes no sense
  kUnknownTable,         ///< a table name outside DATA.md
  kInvalidState,         ///< calls out of order (feed before begin, ...)
  kLimit,                ///< a size limit of the engine
  kUnidentifiable,       ///< a model the data cannot pin down (no repeat buyers, ...)
  kInternal,             ///< a bug: reported, never swallowed
};

const char* ErrorCodeName(ErrorCode code);

/// Line and column are 0 when they do not apply; column is the canonical column name.
class CsmError : public std::runtime_error {
 public:
  CsmError(ErrorCode code, std::string message, std::string table = {}, int64_t line = 0,
           std::string column = {})
      : std::runtime_error(std::move(message)),
        code_(code), table_(std::move(table)), line_(line), column_(std::move(column)) {}
  ErrorCode code() const { return code_; }
  const std::string& table() const { return table_; }
  int64_t line() const { return line_; }
  const std::string& column() const { return column_; }

 private:
  ErrorCode code_;
  std::string table_;
  int64_t line_;
  std::string column_;
};

/// One rejected row in lenient mode, or the first one in strict mode.
struct RowError {
  ErrorCode code = ErrorCode::kInvalidValue;
  std::string table;    ///< table name (subscriptions, ...)
  std::string source;   ///< what the user loaded (subscriptions.csv); message prefix
  int64_t line = 0;     ///< physical CSV line, or 1-based JSON object index
  std::string column;   ///< canonical column name
  std::string message;  ///< full sentence naming all of the above
};

CsmError ToError(const RowError& e);

}  // namespace csm

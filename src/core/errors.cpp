// SPDX-License-Identifier: MIT
#include "core/errors.hpp"

namespace csm {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidValue: return "invalid_value";
    case ErrorCode::kMissingColumn: return "missing_column";
    case ErrorCode::kDuplicateColumn: return "duplicate_column";
    case ErrorCode::kFieldCount: return "field_count";
    case ErrorCode::kDuplicateKey: return "duplicate_key";
    case ErrorCode::kMalformedCsv: return "malformed_csv";
    case ErrorCode::kMalformedJson: return "malformed_json";
    case ErrorCode::kMissingExchangeRate: return "missing_exchange_rate";
    case ErrorCode::kMixedCurrency: return "mixed_currency";
    case ErrorCode::kInvalidOption: return "invalid_option";
    case ErrorCode::kUnknownTable: return "unknown_table";
    case ErrorCode::kInvalidState: return "invalid_state";
    case ErrorCode::kLimit: return "limit";
    case ErrorCode::kUnidentifiable: return "unidentifiable_model";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

CsmError ToError(const RowError& e) { return CsmError(e.code, e.message, e.table, e.line, e.column); }

}  // namespace csm

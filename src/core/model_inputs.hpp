// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/rfm_summary.hpp"
#include "core/sbg_model.hpp"

namespace csm {

// The standalone inputs of the model commands (`csmetrics sbg`, `csmetrics bgnbd` and their
// JS twins): tables people already have from a spreadsheet or a paper, not DATA.md tables.
// Errors are CsmError(invalid_value) naming the source, line and column.

/// `period,<name>[,<name>...]`: period 0, 1, 2, ... in order, then survivors (customers
/// still active) per column, non-increasing. A column may stop early (an empty cell, and
/// empty below it): a younger cohort of a triangle.
struct SurvivorTable {
  std::vector<std::string> names;
  std::vector<SurvivorCounts> columns;
};
SurvivorTable ParseSurvivorTable(std::string_view csv, const std::string& source);

/// Customers described by their RFM summary, or their raw purchases.
struct PurchaseInput {
  bool summary = false;            ///< true: `customers` came summarised (weeks)
  bool has_spend = false;          ///< the summary had zbar (or monetary_value)
  std::vector<std::string> ids;    ///< by customer index
  std::vector<CustomerRfm> customers;  ///< summary input
  std::vector<Purchase> purchases;     ///< raw input: amounts in major units
};

/// Recognises by the header: `ID,x,t_x,T[,zbar]` and `ID,frequency,recency,T[,monetary_value]`
/// (an RFM summary, times in weeks) or CDNOW's whitespace-separated purchase files
/// (`id YYYYMMDD cds dollars`, or `master_id sample_id YYYYMMDD cds dollars` where the sample
/// id names the customer, an optional header line). Returns summary == false with no
/// purchases for anything else: the caller loads it as a DATA.md transactions table.
PurchaseInput ParsePurchaseInput(std::string_view text, const std::string& source);

}  // namespace csm

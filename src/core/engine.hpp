// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "core/load_options.hpp"
#include "core/drill_down.hpp"
#include "core/report.hpp"
#include "core/table_loader.hpp"
#include "core/tables.hpp"

namespace csm {

/// The whole engine: tables in, report out. Plain C++; the CLI and the wasm bindings are
/// thin shells around it. One load streams at a time; loading a table again replaces it.
class Engine {
 public:
  Engine();
  ~Engine();

  void BeginLoad(TableKind kind, LoadOptions options);
  void Feed(std::string_view chunk);  ///< throws CsmError; the load is then abandoned
  LoadSummary FinishLoad();           ///< commits the table, or throws and keeps the old one
  void AbortLoad() { loader_.reset(); }
  bool loading() const { return loader_ != nullptr; }
  size_t loading_rows() const { return loader_ ? loader_->rows() : 0; }

  /// Convenience: the whole table in one piece.
  LoadSummary Load(TableKind kind, std::string_view bytes, LoadOptions options);

  Report BuildReport(const ReportOptions& options) const;
  /// The customers behind one figure of the report built with `options` (same window,
  /// currency and segment assignment); `query.to` is taken from that window.
  DrillDown BuildDrillDown(const ReportOptions& options, DrillDownQuery query) const;
  void Reset();
  const Dataset& dataset() const { return *ds_; }

 private:
  std::unique_ptr<Dataset> ds_;
  std::unique_ptr<TableLoader> loader_;
  std::array<std::vector<std::string>, kTableCount> rejected_;
};

}  // namespace csm

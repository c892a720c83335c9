// SPDX-License-Identifier: MIT
#include "core/engine.hpp"

#include <algorithm>

#include "core/currency_context.hpp"
#include "core/errors.hpp"
#include "core/report_sections.hpp"
#include "core/report_window.hpp"

namespace csm {

Engine::Engine() : ds_(std::make_unique<Dataset>()) {}
Engine::~Engine() = default;

void Engine::BeginLoad(TableKind kind, LoadOptions options) {
  loader_.reset();  // a new load abandons one still open
  loader_ = std::make_unique<TableLoader>(kind, std::move(options), *ds_);
}

void Engine::Feed(std::string_view chunk) {
  if (!loader_) throw CsmError(ErrorCode::kInvalidState, "feed() without a load in progress");
  try {
    loader_->Feed(chunk);
  } catch (...) {
    loader_.reset();
    throw;
  }
}

LoadSummary Engine::FinishLoad() {
  if (!loader_) throw CsmError(ErrorCode::kInvalidState, "finish() without a load in progress");
  std::unique_ptr<TableLoader> loader = std::move(loader_);
  LoadSummary summary = loader->Finish();
  auto& messages = rejected_[static_cast<int>(summary.table)];
  messages.clear();
  for (const RowError& e : summary.rejected) messages.push_back(e.message);
  return summary;
}

LoadSummary Engine::Load(TableKind kind, std::string_view bytes, LoadOptions options) {
  BeginLoad(kind, std::move(options));
  Feed(bytes);
  return FinishLoad();
}

void Engine::Reset() {
  loader_.reset();
  ds_ = std::make_unique<Dataset>();
  for (auto& r : rejected_) r.clear();
}

Report Engine::BuildReport(const ReportOptions& options) const {
  const Dataset& ds = *ds_;
  Report report;
  ReportMeta& meta = report.meta;
  meta.engine_version = kEngineVersion;
  ReportWindow window = ResolveWindow(ds, options);
  meta.from = window.from;
  meta.to = window.to;
  CurrencyContext fx(ds, options.currency);
  meta.currency = fx.code();
  meta.minor_unit_exponent = fx.exponent();

  ReportSettings& s = meta.settings;
  s.gross_margin = options.gross_margin;
  if (ds.responses) s.csat_scale = ds.responses->csat_scale, s.ces_scale = ds.responses->ces_scale;
  s.csat_threshold = options.csat_threshold.value_or(s.csat_scale >= 10 ? 6 : (s.csat_scale + 1) * 4 / 5);
  s.clv_churn_window = options.clv_churn_window;
  s.discount_rate = options.discount_rate;
  s.model_horizon = options.model_horizon;
  s.segment_by = options.segment_by;
  for (int k = 0; k < kTableCount; ++k)
    if (!ds.sources[k].empty()) meta.tables.push_back(ds.sources[k]);
  std::sort(meta.tables.begin(), meta.tables.end());
  for (const auto& messages : rejected_)
    meta.rejected.insert(meta.rejected.end(), messages.begin(), messages.end());

  if (!window.from) return report;
  for (Month m = *window.from; m <= *window.to; ++m) {
    MonthReport month;
    month.month = m;
    report.months.push_back(std::move(month));
  }
  AddReportSections(ds, fx, *window.from, *window.to, options, report);
  return report;
}

DrillDown Engine::BuildDrillDown(const ReportOptions& options, DrillDownQuery query) const {
  if (IsModelDrillDown(query.movement)) {
    ReportOptions at = options;
    at.to = query.month;
    at.model_subscribers = true;
    if (at.from && *at.from > query.month) at.from = query.month;
    query.to = query.month;
    return DrillDownModel(*ds_, BuildReport(at), query);
  }
  const ReportWindow window = ResolveWindow(*ds_, options);
  CurrencyContext fx(*ds_, options.currency);
  query.to = window.to.value_or(query.month);
  if (query.segment_by.empty()) query.segment_by = options.segment_by;
  return DrillDownMovement(*ds_, fx, query);
}

}  // namespace csm

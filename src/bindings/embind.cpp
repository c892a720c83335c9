// SPDX-License-Identifier: MIT
// The only file that knows about Emscripten: it wraps csm::Engine for web/csmetrics.js.
// Every call catches everything, so no C++ exception ever reaches JS; results and errors
// travel as JSON text that the wrapper parses into plain objects.
#include <emscripten/bind.h>

#include <malloc.h>

#include <new>
#include <string>

#include "core/engine.hpp"
#include "core/schema.hpp"
#include "io/model_commands.hpp"
#include "io/report_json.hpp"

namespace {

template <class F>
std::string Guard(F&& f) {
  try {
    return f();
  } catch (const csm::CsmError& e) {
    return csm::ErrorToJson(e.code(), e.what(), e.table(), e.line(), e.column());
  } catch (const std::bad_alloc&) {
    return csm::ErrorToJson(csm::ErrorCode::kLimit,
                            "out of memory: the data does not fit in the browser's wasm heap",
                            "", 0, "");
  } catch (const std::exception& e) {
    return csm::ErrorToJson(csm::ErrorCode::kInternal, e.what(), "", 0, "");
  } catch (...) {
    return csm::ErrorToJson(csm::ErrorCode::kInternal, "unknown internal error", "", 0, "");
  }
}

class WasmEngine {
 public:
  std::string BeginLoad(const std::string& table, const std::string& options) {
    return Guard([&] {
      auto kind = csm::TableFromName(table);
      if (!kind)
        throw csm::CsmError(csm::ErrorCode::kUnknownTable, "unknown table \"" + table +
                            "\" (subscriptions, customers, responses, tickets, costs, "
                            "onboarding, transactions, exchange_rates)");
      engine_.BeginLoad(*kind, csm::LoadOptionsFromJson(options));
      return std::string();
    });
  }
  /// Bytes the wrapper copied into wasm memory at `ptr`; "" on success.
  std::string Feed(uintptr_t ptr, size_t length) {
    return Guard([&] {
      engine_.Feed(std::string_view(reinterpret_cast<const char*>(ptr), length));
      return std::string();
    });
  }
  std::string FinishLoad() {
    return Guard([&] { return csm::LoadSummaryToJson(engine_.FinishLoad()); });
  }
  void AbortLoad() { engine_.AbortLoad(); }
  double LoadingRows() const { return double(engine_.loading_rows()); }
  std::string Report(const std::string& options, int indent) {
    return Guard([&] {
      return csm::ReportToJson(engine_.BuildReport(csm::ReportOptionsFromJson(options)), indent);
    });
  }
  std::string DrillDown(const std::string& request, int indent) {
    return Guard([&] {
      csm::DrillDownRequest r = csm::DrillDownRequestFromJson(request);
      return csm::DrillDownToJson(engine_.BuildDrillDown(r.report, r.query), indent);
    });
  }
  void Reset() { engine_.Reset(); }
  /// `csmetrics sbg` and `csmetrics bgnbd` on a whole input text; no engine state involved.
  std::string Sbg(const std::string& text, const std::string& source, const std::string& options, int indent) {
    return Guard([&] { return csm::SbgCommandJson(text, source, csm::SbgOptionsFromJson(options), indent); });
  }
  std::string Bgnbd(const std::string& text, const std::string& source, const std::string& options, int indent) {
    return Guard([&] { return csm::BgnbdCommandJson(text, source, csm::BgnbdOptionsFromJson(options), indent); });
  }
  std::string Columns(const std::string& table) {
    return Guard([&] {
      auto kind = csm::TableFromName(table);
      if (!kind) throw csm::CsmError(csm::ErrorCode::kUnknownTable, "unknown table \"" + table + "\"");
      return csm::TableColumnsToJson(*kind);
    });
  }

 private:
  csm::Engine engine_;
};

}  // namespace

// Bytes malloc has handed out and not taken back: flat across load/report cycles unless
// something leaks (tests/js/resources.test.js).
double HeapInUse() { return double(mallinfo().uordblks); }

EMSCRIPTEN_BINDINGS(csmetrics) {
  emscripten::function("heapInUse", &HeapInUse);
  emscripten::class_<WasmEngine>("Engine")
      .constructor<>()
      .function("beginLoad", &WasmEngine::BeginLoad)
      .function("feed", &WasmEngine::Feed)
      .function("finishLoad", &WasmEngine::FinishLoad)
      .function("abortLoad", &WasmEngine::AbortLoad)
      .function("loadingRows", &WasmEngine::LoadingRows)
      .function("report", &WasmEngine::Report)
      .function("drillDown", &WasmEngine::DrillDown)
      .function("columns", &WasmEngine::Columns)
      .function("reset", &WasmEngine::Reset)
      .function("sbg", &WasmEngine::Sbg)
      .function("bgnbd", &WasmEngine::Bgnbd);
  emscripten::constant("engineVersion", std::string(csm::kEngineVersion));
}

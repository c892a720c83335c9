// SPDX-License-Identifier: MIT
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include "core/engine.hpp"
#include "core/errors.hpp"

namespace csm::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string SharedData(const std::string& rel) { return std::string(CSM_SHARED_DATA) + "/" + rel; }

inline LoadOptions Lenient() {
  LoadOptions o;
  o.lenient = true;
  return o;
}

/// The first error a strict load of `csv` raises, as CsmError.
inline CsmError LoadError(TableKind kind, const std::string& csv, LoadOptions options = {}) {
  Engine engine;
  try {
    engine.Load(kind, csv, options);
  } catch (const CsmError& e) {
    return e;
  }
  return CsmError(ErrorCode::kInternal, "no error");
}

inline const char* kSubsHeader =
    "customer_id,plan,start_date,end_date,amount,currency,interval,interval_count,quantity,churn_type\n";

/// The report of a subscriptions table given as rows under kSubsHeader.
inline Report SubsReport(const std::string& rows, ReportOptions options = {}) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + rows, {});
  return engine.BuildReport(options);
}

inline const MonthReport& MonthOf(const std::vector<MonthReport>& months, const char* month) {
  const Month m = ParseMonth(month).month;
  for (const MonthReport& mr : months)
    if (mr.month == m) return mr;
  throw std::runtime_error(std::string("no month ") + month);
}

inline const MonthReport& MonthOf(const Report& r, const char* month) { return MonthOf(r.months, month); }

}  // namespace csm::testing

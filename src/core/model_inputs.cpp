// SPDX-License-Identifier: MIT
#include "core/model_inputs.hpp"

#include <cmath>
#include <unordered_map>

#include "core/csv_reader.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/money.hpp"

namespace csm {
namespace {

[[noreturn]] void Bad(const std::string& source, int64_t line, const std::string& column, const std::string& reason) {
  std::string where = source + " line " + std::to_string(line);
  if (!column.empty()) where += ", column " + column;
  throw CsmError(ErrorCode::kInvalidValue, where + ": " + reason, source, line, column);
}

std::vector<std::vector<std::string>> ReadCsv(std::string_view text, const std::string& source,
                                              std::vector<int64_t>& lines) {
  std::vector<std::vector<std::string>> rows;
  CsvReader reader([&](const CsvRecord& r) {
    rows.emplace_back(r.fields.begin(), r.fields.end());
    lines.push_back(r.line);
  });
  try {
    reader.feed(text);
    reader.finish();
  } catch (const CsvSyntaxError& e) {
    throw CsmError(ErrorCode::kMalformedCsv, source + " line " + std::to_string(e.line()) + ": " + e.reason(),
                   source, e.line(), "");
  }
  return rows;
}

double Number(std::string_view text, const std::string& source, int64_t line, const std::string& column) {
  const DecimalParse p = ParseDecimalMicros(text);
  if (p.error) Bad(source, line, column, "\"" + std::string(text) + "\" " + p.error);
  return double(p.micros) / double(kMicro);
}

std::string Lower(std::string s) {
  for (char& c : s) c = char(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
}

void AddSurvivorRow(SurvivorTable& t, const std::vector<std::string>& row, size_t period, int64_t line,
                    const std::string& source) {
  if (row.size() != t.names.size() + 1) Bad(source, line, "", "expected " + std::to_string(t.names.size() + 1) + " cells");
  if (row[0] != std::to_string(period)) Bad(source, line, "period", "expected period " + std::to_string(period));
  for (size_t c = 0; c < t.names.size(); ++c) {
    SurvivorCounts& col = t.columns[c];
    if (row[c + 1].empty()) continue;
    if (col.size() != period) Bad(source, line, t.names[c], "a value after the column has ended");
    const double v = Number(row[c + 1], source, line, t.names[c]);
    if (v < 0) Bad(source, line, t.names[c], "survivors cannot be negative");
    if (!col.empty() && v > col.back()) Bad(source, line, t.names[c], "survivors cannot increase");
    col.push_back(v);
  }
}

// Which column of an RFM summary holds what: -1 when absent.
struct RfmColumns {
  int id = -1, x = -1, t_x = -1, T = -1, zbar = -1;
};

RfmColumns RfmHeader(const std::vector<std::string>& header) {
  RfmColumns c;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string h = header[i] == "T" ? "T" : Lower(header[i]);
    const int k = int(i);
    if (h == "id" || h == "customer_id") c.id = k;
    else if (h == "x" || h == "frequency") c.x = k;
    else if (h == "t_x" || h == "recency") c.t_x = k;
    else if (h == "T" || h == "t") c.T = k;
    else if (h == "zbar" || h == "monetary_value") c.zbar = k;
  }
  return c;
}

PurchaseInput ReadSummary(const std::vector<std::vector<std::string>>& rows, const std::vector<int64_t>& lines,
                          const RfmColumns& c, const std::string& source) {
  PurchaseInput in;
  in.summary = true;
  in.has_spend = c.zbar >= 0;
  const std::vector<std::string>& header = rows[0];
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != header.size()) Bad(source, lines[r], "", "expected " + std::to_string(header.size()) + " cells");
    CustomerRfm rfm;
    rfm.customer = uint32_t(in.ids.size());
    const double x = Number(row[size_t(c.x)], source, lines[r], header[size_t(c.x)]);
    if (x < 0 || x != std::floor(x) || x > 1e9) Bad(source, lines[r], header[size_t(c.x)], "a frequency is a whole number of repeat purchases");
    rfm.x = int(x);
    rfm.t_x = Number(row[size_t(c.t_x)], source, lines[r], header[size_t(c.t_x)]);
    rfm.T = Number(row[size_t(c.T)], source, lines[r], header[size_t(c.T)]);
    if (rfm.t_x < 0 || rfm.t_x > rfm.T) Bad(source, lines[r], header[size_t(c.t_x)], "recency must be between 0 and T");
    if (c.zbar >= 0) rfm.zbar = Number(row[size_t(c.zbar)], source, lines[r], header[size_t(c.zbar)]);
    in.ids.push_back(row[size_t(c.id)]);
    in.customers.push_back(rfm);
  }
  return in;
}

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

Day CompactDate(std::string_view text, const std::string& source, int64_t line) {
  if (text.size() == 8) {
    const std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                            std::string(text.substr(6, 2));
    const DateParse p = ParseDate(iso);
    if (!p.error) return p.day;
  }
  Bad(source, line, "date", "\"" + std::string(text) + "\" is not a date (YYYYMMDD)");
}

PurchaseInput ReadWhitespaceFile(std::string_view text, const std::string& source) {
  PurchaseInput in;
  std::unordered_map<std::string, uint32_t> index;
  int64_t line = 0;
  size_t fields = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line;
    const std::vector<std::string_view> w = Words(raw);
    if (w.empty()) continue;
    if (fields == 0 && (w[0][0] < '0' || w[0][0] > '9')) continue;  // a header line
    if (fields == 0) fields = w.size();
    if (fields != 4 && fields != 5)
      Bad(source, line, "", "a purchase file has 4 fields (id, YYYYMMDD, quantity, amount) or 5 (a sample id "
                            "after the id), not " + std::to_string(fields));
    if (w.size() != fields) Bad(source, line, "", "expected " + std::to_string(fields) + " fields");
    const size_t d = fields == 5 ? 2 : 1;
    const std::string id(w[d - 1]);
    const auto [it, added] = index.try_emplace(id, uint32_t(in.ids.size()));
    if (added) in.ids.push_back(id);
    in.purchases.push_back({it->second, CompactDate(w[d], source, line),
                            Number(w[d + 2], source, line, "amount")});
  }
  if (in.purchases.empty()) Bad(source, line, "", "no purchases");
  return in;
}

}  // namespace

SurvivorTable ParseSurvivorTable(std::string_view csv, const std::string& source) {
  std::vector<int64_t> lines;
  const auto rows = ReadCsv(csv, source, lines);
  if (rows.empty()) Bad(source, 1, "", "the table is empty");
  if (rows[0].size() < 2 || Lower(rows[0][0]) != "period")
    Bad(source, lines[0], "", "the header must be period followed by one column per cohort or segment");
  SurvivorTable t;
  t.names.assign(rows[0].begin() + 1, rows[0].end());
  t.columns.resize(t.names.size());
  for (size_t r = 1; r < rows.size(); ++r) AddSurvivorRow(t, rows[r], r - 1, lines[r], source);
  for (size_t c = 0; c < t.names.size(); ++c)
    if (t.columns[c].empty()) Bad(source, lines[0], t.names[c], "the column has no value for period 0");
  return t;
}

PurchaseInput ParsePurchaseInput(std::string_view text, const std::string& source) {
  const std::string_view first = text.substr(0, text.find('\n'));
  if (first.find(',') == std::string_view::npos) return ReadWhitespaceFile(text, source);
  std::vector<int64_t> lines;
  const auto rows = ReadCsv(text, source, lines);
  if (rows.empty()) return {};
  const RfmColumns c = RfmHeader(rows[0]);
  if (c.id < 0 || c.x < 0 || c.t_x < 0 || c.T < 0) return {};
  return ReadSummary(rows, lines, c, source);
}

}  // namespace csm

// SPDX-License-Identifier: MIT
#include "core/voice_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

namespace csm {
namespace {

std::optional<double> Percent(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return double(part) / double(whole) * 100.0;
}

// Answers of one survey kind in [from, to], grouped by month index (or all in slot 0).
struct Picked {
  std::vector<std::vector<uint32_t>> rows;
};

// The three survey kinds' answers in one pass over the table (a row's month computed once).
std::array<Picked, 3> Pick(const ResponsesTable& t, Month from, Month to, bool by_month, const VoiceSettings& s) {
  std::array<Picked, 3> p;
  for (Picked& kind : p) kind.rows.resize(by_month ? size_t(to - from + 1) : 1);
  const Day first = FirstDayOfMonth(from), end = FirstDayOfMonth(to + 1);
  const MonthsOfDays month_of(first, by_month ? end : first);
  for (uint32_t r = 0; r < t.size(); ++r) {
    const Day day = t.date[r];
    if (day < first || day >= end) continue;
    if (s.keep && !s.keep(t.customer[r])) continue;
    p[size_t(t.survey[r])].rows[by_month ? size_t(month_of(day) - from) : 0].push_back(r);
  }
  return p;
}

NpsStats NpsOf(const ResponsesTable& t, const std::vector<uint32_t>& rows, double z) {
  int64_t counts[3] = {0, 0, 0};  // promoters, passives, detractors
  for (uint32_t r : rows) ++counts[NpsClassOf(t.score[r])];
  return NpsFromCounts(counts[0], counts[1], counts[2], z);
}

// Each customer's latest answer among `rows` (by date; the later row of the file on a tie).
std::vector<uint32_t> LatestPerCustomer(const ResponsesTable& t, const std::vector<uint32_t>& rows) {
  std::vector<uint32_t> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(), [&](uint32_t a, uint32_t b) {
    return t.customer[a] != t.customer[b] ? t.customer[a] < t.customer[b] : t.date[a] < t.date[b];
  });
  std::vector<uint32_t> out;
  for (size_t i = 0; i < sorted.size(); ++i)
    if (i + 1 == sorted.size() || t.customer[sorted[i + 1]] != t.customer[sorted[i]]) out.push_back(sorted[i]);
  return out;
}

NpsSection NpsSectionOf(const ResponsesTable& t, const std::vector<uint32_t>& rows, double z) {
  return {NpsOf(t, rows, z), NpsOf(t, LatestPerCustomer(t, rows), z)};
}

CsatStats CsatOf(const Dataset& ds, const std::vector<uint32_t>& rows, int threshold) {
  const ResponsesTable& t = *ds.responses;
  CsatStats c;
  c.distribution.assign(size_t(t.csat_scale), 0);
  // Counted by touchpoint id first; each id's name is looked up once (ids and names are
  // one to one in the pool), and touchpoints are listed by name.
  std::unordered_map<uint32_t, CsatTouchpoint> by_id;
  for (uint32_t r : rows) {
    const bool positive = t.score[r] >= threshold;
    ++c.answers;
    c.positive += positive;
    ++c.distribution[size_t(t.score[r] - 1)];
    if (t.touchpoint[r] == kNoId) continue;
    CsatTouchpoint& tp = by_id[t.touchpoint[r]];
    ++tp.answers;
    tp.positive += positive;
  }
  c.csat = Percent(c.positive, c.answers);
  std::map<std::string, CsatTouchpoint> by;
  for (auto& [id, tp] : by_id) {
    std::string name(ds.values.Get(id));
    if (name.empty()) continue;
    tp.touchpoint = name;
    tp.csat = Percent(tp.positive, tp.answers);
    by.emplace(std::move(name), std::move(tp));
  }
  for (auto& [name, tp] : by) c.by_touchpoint.push_back(std::move(tp));
  return c;
}

CesStats CesOf(const ResponsesTable& t, const std::vector<uint32_t>& rows) {
  CesStats c;
  c.distribution.assign(size_t(t.ces_scale), 0);
  int64_t sum = 0;
  for (uint32_t r : rows) {
    ++c.answers;
    sum += t.score[r];
    ++c.distribution[size_t(t.score[r] - 1)];
  }
  if (c.answers > 0) c.mean = double(sum) / double(c.answers);
  return c;
}

}  // namespace

NpsStats NpsFromCounts(int64_t promoters, int64_t passives, int64_t detractors, double z) {
  NpsStats s{promoters + passives + detractors, promoters, passives, detractors, {}, {}, {}, {}};
  if (s.answers == 0) return s;
  const double n = double(s.answers), p = double(promoters) / n, d = double(detractors) / n;
  s.nps = 100.0 * (p - d);
  s.se = 100.0 * std::sqrt(std::max(0.0, p + d - (p - d) * (p - d)) / n);
  s.lower = std::max(-100.0, *s.nps - z * *s.se);
  s.upper = std::min(100.0, *s.nps + z * *s.se);
  return s;
}

void AddVoiceSections(const Dataset& ds, Month from, Month to, const VoiceSettings& s,
                      std::vector<MonthReport>& months) {
  const ResponsesTable& t = *ds.responses;
  const auto [nps, csat, ces] = Pick(t, from, to, true, s);
  for (size_t i = 0; i < months.size(); ++i) {
    months[i].nps = NpsSectionOf(t, nps.rows[i], s.z);
    months[i].csat = CsatOf(ds, csat.rows[i], s.csat_threshold);
    months[i].ces = CesOf(t, ces.rows[i]);
  }
}

OverallVoice OverallVoiceOf(const Dataset& ds, Month from, Month to, const VoiceSettings& s) {
  const ResponsesTable& t = *ds.responses;
  const auto [nps, csat, ces] = Pick(t, from, to, false, s);
  return {NpsSectionOf(t, nps.rows[0], s.z), CsatOf(ds, csat.rows[0], s.csat_threshold), CesOf(t, ces.rows[0])};
}

}  // namespace csm

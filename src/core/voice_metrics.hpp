// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <vector>

#include "core/report.hpp"
#include "core/tables.hpp"

namespace csm {

/// NPS, CSAT and CES of the answers dated in a month (METRICS.md "Voice of the customer"),
/// or over the window for `overall`. `keep` selects the answers of one group of customers
/// (a segment); empty keeps all.
struct VoiceSettings {
  int csat_threshold = 4;
  double z = 1.959963984540054;
  std::function<bool(uint32_t customer)> keep;
};

/// An NPS score's class, as an index into (promoters, passives, detractors): 9-10, 7-8, 0-6.
inline int NpsClassOf(int score) { return score >= 9 ? 0 : score >= 7 ? 1 : 2; }

/// NPS from its counts: score, standard error, the 95 % interval clipped to [-100, 100].
NpsStats NpsFromCounts(int64_t promoters, int64_t passives, int64_t detractors, double z);

/// Per month of [from, to]: nps (every answer, and each customer's latest answer), csat, ces.
void AddVoiceSections(const Dataset& ds, Month from, Month to, const VoiceSettings& settings,
                      std::vector<MonthReport>& months);

/// The same over every answer dated in [from, to].
OverallVoice OverallVoiceOf(const Dataset& ds, Month from, Month to, const VoiceSettings& settings);

}  // namespace csm

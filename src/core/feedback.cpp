// SPDX-License-Identifier: MIT
#include "core/feedback.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/text_terms.hpp"
#include "core/voice_metrics.hpp"

namespace csm {
namespace {

struct Family {
  std::string name;
  std::vector<std::string> groups;
  std::vector<CorpusDocument> docs;
};

void Run(const Family& f, const TermCorpus& corpus, const FeedbackSettings& s, const ResponsesTable& t,
         FeedbackReport& out, std::map<uint32_t, std::string>& texts) {
  std::vector<int64_t> sizes(f.groups.size(), 0);
  for (const CorpusDocument& d : f.docs) ++sizes[d.group];
  const auto terms = DistinctiveTerms(corpus, f.docs, uint32_t(f.groups.size()), s.top_terms, 2);
  for (size_t g = 0; g < f.groups.size(); ++g) {
    FeedbackGroup group{f.name, f.groups[g], sizes[g], {}};
    for (const DistinctiveTerm& dt : terms[g]) {
      FeedbackTerm ft{dt.term, dt.count, dt.weight, dt.score, {}};
      for (size_t k = 0; k < dt.ids.size() && k < s.max_ids; ++k) {
        ft.ids.push_back(dt.ids[k]);
        texts.emplace(dt.ids[k], std::string(t.Comment(dt.ids[k])));
      }
      group.terms.push_back(std::move(ft));
    }
    out.groups.push_back(std::move(group));
  }
}

}  // namespace

FeedbackReport FeedbackThemes(const Dataset& ds, const FeedbackSettings& s) {
  FeedbackReport out;
  out.weighted = bool(s.weight);
  const ResponsesTable& t = *ds.responses;
  Family nps{"nps", {"promoter", "passive", "detractor"}, {}};
  Family csat{"csat", {"positive", "negative"}, {}};
  Family churn{"churn", {"churned", "stayed"}, {}};
  TermCorpus corpus;  // each comment split once for the three families
  // Identical comments ("Great", "N/A", a form's preset answer) are split once: the later
  // ones share the first one's terms. Keys are views into the table, which outlives this.
  std::unordered_map<std::string_view, uint32_t> split;
  const Day first = FirstDayOfMonth(s.from), end = FirstDayOfMonth(s.to + 1);
  const MonthsOfDays month_of(first, end);
  for (uint32_t r = 0; r < t.size(); ++r) {
    const std::string_view text = t.Comment(r);
    if (text.empty() || t.date[r] < first || t.date[r] >= end) continue;
    const Month m = month_of(t.date[r]);
    const bool in_nps = t.survey[r] == Survey::kNps, in_csat = t.survey[r] == Survey::kCsat;
    if (!in_nps && !in_csat && !s.churned_after) continue;
    const double w = s.weight ? s.weight(t.customer[r], m) : 1.0;
    const auto [known, fresh] = split.try_emplace(text, 0);
    if (fresh) known->second = corpus.Add(text);
    const uint32_t k = known->second;
    if (in_nps) nps.docs.push_back({k, uint32_t(NpsClassOf(t.score[r])), w, r});
    if (in_csat) csat.docs.push_back({k, uint32_t(t.score[r] >= s.csat_threshold ? 0 : 1), w, r});
    if (s.churned_after) churn.docs.push_back({k, uint32_t(s.churned_after(t.customer[r], m) ? 0 : 1), w, r});
  }
  std::map<uint32_t, std::string> texts;
  Run(nps, corpus, s, t, out, texts);
  Run(csat, corpus, s, t, out, texts);
  if (s.churned_after) Run(churn, corpus, s, t, out, texts);
  out.comments.assign(texts.begin(), texts.end());
  return out;
}


}  // namespace csm

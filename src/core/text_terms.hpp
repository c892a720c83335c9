// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_pool.hpp"

namespace csm {

/// The distinct terms of one comment (English, Japanese, Chinese and other scripts), in
/// order of first occurrence; each term appears once, because the statistics below count
/// documents, not repetitions. Invalid UTF-8 bytes are skipped.
///
/// - Words (ASCII letters/digits, Latin U+00C0-U+024F, Greek, Cyrillic, Hangul syllables,
///   fullwidth ASCII folded to ASCII) are maximal runs, lower-cased (ASCII, Latin-1,
///   Latin Extended-A, Greek, Cyrillic). An apostrophe between letters stays in the word
///   ("don't"). One-letter words and about 130 English stop words are dropped; negations
///   ("no", "not", "never", "don't", ...) are kept because they carry the sentiment.
/// - Han, hiragana and katakana form CJK runs (CJK punctuation and fullwidth symbols
///   separate them), split by script:
///   - katakana runs of 2+ characters are whole terms (loanwords: サポート);
///   - han runs give every character bigram, plus the whole run when it has 2-4
///     characters; a han run followed by hiragana also gives its last han character plus
///     the first hiragana one unless that is a particle (遅い, 高い, 使い), because
///     Japanese adjectives and verbs are one han character plus inflection;
///   - hiragana otherwise gives nothing (particles, inflection), except a CJK run that is
///     all hiragana with 3-12 characters, which is a whole term (ありがとう, すごい).
///   Single han characters are dropped like one-letter words: alone they are too ambiguous.
std::vector<std::string> Terms(std::string_view utf8);

/// One comment. weight (>= 0, finite), e.g. the customer's MRR, ranks terms by the revenue
/// that voices them; only relative weights matter.
struct TermDocument {
  std::string_view text;
  uint32_t group = 0;
  double weight = 1.0;
  uint32_t id = 0;
};

struct DistinctiveTerm {
  std::string term;
  int64_t count = 0;           ///< comments of the group containing the term
  double weight = 0;           ///< sum of those comments' weights
  double score = 0;            ///< z-score of the weighted log-odds, group vs the rest
  std::vector<uint32_t> ids;   ///< those comments' ids, ascending
};

/// Per group (0..groups-1), the terms that set it apart from the other groups: the
/// "Fightin' Words" statistic (Monroe, Colaresi and Quinn 2008), the z-score of the
/// log-odds ratio with an informative Dirichlet prior, on document frequencies weighted by
/// TermDocument::weight.
///
/// - Weights are rescaled to average 1 per comment, so the scores are on the scale of
///   comment counts and do not depend on the unit of the weights (cents or dollars). When
///   every weight is 0 the comments count 1 each.
/// - Prior: alpha_w = 0.1 * (weighted corpus frequency of w), i.e. a prior mass of a tenth of
///   the corpus. It shrinks rare terms toward the corpus rate, so one comment in a tiny
///   group does not outrank a term repeated by a large group; the z-score's variance does
///   the rest.
/// - A group keeps at most top_k terms with score > 0 and count >= min_count, by score
///   descending, then term ascending. A group with no comments gets an empty list.
///
/// Throws std::invalid_argument for a group >= groups or a negative or non-finite weight.
/// Time linear in the total number of terms plus a sort of each group's candidates.
std::vector<std::vector<DistinctiveTerm>> DistinctiveTerms(std::span<const TermDocument> docs,
                                                           uint32_t groups, size_t top_k = 20,
                                                           int64_t min_count = 2);

/// Comments split into terms once, for several groupings of the same comments (the NPS,
/// CSAT and churn families of the feedback themes share theirs).
class TermCorpus {
 public:

  /// Splits a comment (Terms) and returns its index.
  uint32_t Add(std::string_view utf8);
  std::span<const uint32_t> TermsOf(uint32_t comment) const {
    return {terms_.data() + offsets_[comment], offsets_[comment + 1] - offsets_[comment]};
  }
  std::string_view Name(uint32_t term) const { return ids_.Get(term); }
  size_t term_count() const { return ids_.size(); }
  size_t comment_count() const { return offsets_.size() - 1; }

 private:
  // Terms by id in order of first appearance. One arena and 8-byte slots: a survey whose
  // comments all differ has hundreds of thousands of terms (numbers, names, typos).
  StringPool ids_;
  std::vector<uint32_t> offsets_{0}, terms_;
  std::vector<uint32_t> seen_;          // per term: the last comment (1-based) that had it
  std::vector<std::string> scratch_;    // the comment being split
  std::string lowered_;                 // its current word, when that has capitals
};

/// One comment of a TermCorpus in one grouping; group, weight and id as in TermDocument.
struct CorpusDocument {
  uint32_t comment = 0;
  uint32_t group = 0;
  double weight = 1.0;
  uint32_t id = 0;
};

/// DistinctiveTerms over comments already split: the same result as splitting each
/// document's text, without splitting it again for every grouping.
std::vector<std::vector<DistinctiveTerm>> DistinctiveTerms(const TermCorpus& corpus,
                                                           std::span<const CorpusDocument> docs,
                                                           uint32_t groups, size_t top_k = 20,
                                                           int64_t min_count = 2);

namespace text_terms_detail {
/// Natural log from +, *, / and exact scaling only (std::log differs in the last bit
/// between glibc and the wasm libm, which could reorder terms). Exposed for its test.
double PortableLog(double x);
}  // namespace text_terms_detail

}  // namespace csm

// SPDX-License-Identifier: MIT
#include "core/text_terms.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "core/text.hpp"

namespace csm {
namespace text_terms_detail {

// The fdlibm reduction: x = 2^k * (1 + f) with sqrt(1/2) <= 1 + f < sqrt(2), then
// log(1 + f) = 2 atanh(s), s = f / (2 + f), written so that the large part f is exact and
// only the small correction carries rounding error. ln 2 is split so k * ln2_hi is exact.
double PortableLog(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int k = 0;
  double m = std::frexp(x, &k);  // m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2;
    --k;
  }
  const double f = m - 1;  // exact (Sterbenz)
  const double s = f / (2 + f), z = s * s;
  // R = sum_{j>=1} 2 z^j / (2j + 1); z <= 0.0295, so 12 terms reach below 1e-18.
  double r = 0;
  for (int j = 12; j >= 1; --j) r = (r + 2.0 / (2 * j + 1)) * z;
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  const double dk = k, hfsq = 0.5 * f * f;
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
}

}  // namespace text_terms_detail

namespace {

using text_terms_detail::PortableLog;

// ---------------------------------------------------------------- decoding

constexpr char32_t kInvalid = 0xFFFFFFFF;

int SequenceLength(unsigned char b0, char32_t& bits, char32_t& min) {
  if ((b0 & 0xE0) == 0xC0) return bits = b0 & 0x1F, min = 0x80, 2;
  if ((b0 & 0xF0) == 0xE0) return bits = b0 & 0x0F, min = 0x800, 3;
  if ((b0 & 0xF8) == 0xF0) return bits = b0 & 0x07, min = 0x10000, 4;
  return 0;
}

// Overlong forms, surrogates and truncated sequences are invalid: they cost one byte.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return ++i, b0;
  char32_t cp = 0, min = 0;
  const size_t len = SequenceLength(b0, cp, min);
  if (len == 0 || s.size() - i < len) return ++i, kInvalid;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return ++i, kInvalid;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return ++i, kInvalid;
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// ---------------------------------------------------------------- classification

enum class Kind { kOther, kWord, kJoiner, kHan, kHiragana, kKatakana };

bool In(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

// Latin Extended-A pairs capitals and small letters by parity, with the parity flipping
// between U+0139 and U+0148 and again from U+0179 on.
char32_t LowerLatinExtendedA(char32_t c) {
  if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
  if (c == 0x178) return 0xFF;
  const bool odd_is_capital = In(c, 0x139, 0x148) || In(c, 0x179, 0x17E);
  return (c % 2 == 1) == odd_is_capital ? c + 1 : c;
}

char32_t Lower(char32_t c) {
  if (In(c, 'A', 'Z')) return c + 0x20;
  if (c < 0xC0) return c;
  if (In(c, 0xC0, 0xDE) && c != 0xD7) return c + 0x20;
  if (In(c, 0x100, 0x17F)) return LowerLatinExtendedA(c);
  if (In(c, 0x391, 0x3A9) && c != 0x3A2) return c + 0x20;
  if (In(c, 0x410, 0x42F)) return c + 0x20;
  if (In(c, 0x400, 0x40F)) return c + 0x50;
  return c;
}

// Fullwidth letters and digits (common in Japanese input) are the ASCII ones; the
// typographic apostrophe is the ASCII one.
char32_t Fold(char32_t c) {
  if (In(c, 0xFF10, 0xFF19) || In(c, 0xFF21, 0xFF3A) || In(c, 0xFF41, 0xFF5A)) c -= 0xFEE0;
  if (c == 0x2019) c = '\'';
  return Lower(c);
}

bool IsWordChar(char32_t c) {
  return In(c, 'a', 'z') || In(c, '0', '9') ||
         (In(c, 0xC0, 0x24F) && c != 0xD7 && c != 0xF7) || In(c, 0x370, 0x3FF) ||
         In(c, 0x400, 0x4FF) || In(c, 0xAC00, 0xD7A3);
}

bool IsHan(char32_t c) {
  return In(c, 0x4E00, 0x9FFF) || In(c, 0x3400, 0x4DBF) || In(c, 0xF900, 0xFAFF) ||
         In(c, 0x20000, 0x3134F) || In(c, 0x3005, 0x3007);  // 々 〆 〇 act as han
}

Kind Classify(char32_t c) {
  if (IsWordChar(c)) return Kind::kWord;
  if (c == '\'') return Kind::kJoiner;
  if (IsHan(c)) return Kind::kHan;
  if (In(c, 0x3041, 0x309F)) return Kind::kHiragana;
  if ((In(c, 0x30A1, 0x30FF) && c != 0x30FB) || In(c, 0x31F0, 0x31FF) || In(c, 0xFF66, 0xFF9F))
    return Kind::kKatakana;
  return Kind::kOther;
}

struct CodePoint {
  char32_t c;
  Kind kind;
};

std::vector<CodePoint> Decode(std::string_view utf8) {
  std::vector<CodePoint> out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const char32_t c = NextCodePoint(utf8, i);
    if (c == kInvalid) continue;
    const char32_t folded = Fold(c);
    out.push_back({folded, Classify(folded)});
  }
  return out;
}

// ---------------------------------------------------------------- words

// Negations are deliberately absent.
constexpr std::string_view kStopWords[] = {
    "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "he's", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i'd", "i'll", "i'm", "i've", "if", "in",
    "into", "is", "it", "it's", "its", "itself", "just", "let's", "me", "might", "more",
    "most", "must", "my", "myself", "of", "off", "on", "once", "only", "onto", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she", "should", "so",
    "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "then",
    "there", "there's", "these", "they", "they're", "this", "those", "through", "to", "too",
    "under", "until", "up", "us", "very", "was", "we", "we're", "we've", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "you're", "your"};

// Every word of a comment is looked up: open addressing over a table four times the
// list's size, so a word costs one hash and about one compare (the first-letter lists it
// replaced cost several).
class StopWordTable {
 public:
  constexpr StopWordTable() {
    for (const std::string_view w : kStopWords) {
      size_t i = Slot(w);
      while (!slots_[i].empty()) i = (i + 1) % kSlots;
      slots_[i] = w;
      longest_ = std::max(longest_, w.size());
    }
  }
  constexpr bool Has(std::string_view w) const {
    if (w.size() < 2 || w.size() > longest_) return false;
    for (size_t i = Slot(w); !slots_[i].empty(); i = (i + 1) % kSlots)
      if (slots_[i] == w) return true;
    return false;
  }

 private:
  static constexpr size_t kSlots = 512;
  static constexpr size_t Slot(std::string_view w) {  // w has 2 characters or more
    const auto byte = [&](size_t i) { return size_t(static_cast<unsigned char>(w[i])); };
    return (w.size() * 97 + byte(0) * 31 + byte(1) * 7 + byte(w.size() - 1)) % kSlots;
  }
  std::array<std::string_view, kSlots> slots_{};
  size_t longest_ = 0;
};
constexpr StopWordTable kStopWordTable;
static_assert([] {
  for (const std::string_view w : kStopWords)
    if (!kStopWordTable.Has(w)) return false;
  return !kStopWordTable.Has("not") && !kStopWordTable.Has("themselves") && !kStopWordTable.Has("a");
}());

bool IsStopWord(std::string_view w) { return kStopWordTable.Has(w); }

// Returns the end of the word starting at i.
size_t TakeWord(const std::vector<CodePoint>& cps, size_t i, std::vector<std::string>& out) {
  std::string word;
  size_t letters = 0;
  for (; i < cps.size(); ++i) {
    const bool joins = cps[i].kind == Kind::kJoiner && letters > 0 && i + 1 < cps.size() &&
                       cps[i + 1].kind == Kind::kWord;
    if (cps[i].kind != Kind::kWord && !joins) break;
    letters += cps[i].kind == Kind::kWord;
    AppendUtf8(word, cps[i].c);
  }
  if (letters >= 2 && !IsStopWord(word)) out.push_back(std::move(word));
  return i;
}

// ---------------------------------------------------------------- CJK

struct Segment {
  Kind kind;
  size_t begin, end;
};

std::string Substring(const std::vector<CodePoint>& cps, size_t begin, size_t end) {
  std::string s;
  for (size_t i = begin; i < end; ++i) AppendUtf8(s, cps[i].c);
  return s;
}

// Particles after a han character mark a noun, not an inflected adjective or verb.
bool IsParticle(char32_t c) {
  static constexpr std::u32string_view kParticles = U"がをにはでとのもへや";
  return kParticles.find(c) != std::u32string_view::npos;
}

void HanTerms(const std::vector<CodePoint>& cps, const Segment& han, const Segment* next,
              std::vector<std::string>& out) {
  const size_t len = han.end - han.begin;
  for (size_t i = han.begin; i + 1 < han.end; ++i) out.push_back(Substring(cps, i, i + 2));
  if (len >= 3 && len <= 4) out.push_back(Substring(cps, han.begin, han.end));
  if (next && next->kind == Kind::kHiragana && !IsParticle(cps[next->begin].c))
    out.push_back(Substring(cps, han.end - 1, han.end + 1));
}

std::vector<Segment> SplitByScript(const std::vector<CodePoint>& cps, size_t begin, size_t end) {
  std::vector<Segment> segments;
  for (size_t i = begin; i < end; ++i) {
    if (segments.empty() || segments.back().kind != cps[i].kind)
      segments.push_back({cps[i].kind, i, i});
    segments.back().end = i + 1;
  }
  return segments;
}

void CjkTerms(const std::vector<CodePoint>& cps, size_t begin, size_t end,
              std::vector<std::string>& out) {
  const auto segments = SplitByScript(cps, begin, end);
  for (size_t k = 0; k < segments.size(); ++k) {
    const Segment& s = segments[k];
    const size_t len = s.end - s.begin;
    if (s.kind == Kind::kKatakana && len >= 2) out.push_back(Substring(cps, s.begin, s.end));
    if (s.kind == Kind::kHan)
      HanTerms(cps, s, k + 1 < segments.size() ? &segments[k + 1] : nullptr, out);
    if (s.kind == Kind::kHiragana && segments.size() == 1 && len >= 3 && len <= 12)
      out.push_back(Substring(cps, s.begin, s.end));
  }
}

bool IsCjk(Kind k) { return k == Kind::kHan || k == Kind::kHiragana || k == Kind::kKatakana; }

// Keeps the first occurrence of each term, in order.
void Deduplicate(std::vector<std::string>& terms) {
  std::vector<size_t> order(terms.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return terms[a] < terms[b]; });
  std::vector<bool> keep(terms.size(), true);
  for (size_t k = 1; k < order.size(); ++k)
    if (terms[order[k]] == terms[order[k - 1]]) keep[order[k]] = false;
  size_t w = 0;
  for (size_t r = 0; r < terms.size(); ++r) {
    if (!keep[r]) continue;
    if (w != r) terms[w] = std::move(terms[r]);  // self-move would empty the string
    ++w;
  }
  terms.resize(w);
}

bool IsAscii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8)
    if (LoadLittleEndian64(s.data() + i) & 0x8080808080808080ull) return false;
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

// What Classify gives an ASCII character after Fold (which lowers A-Z), as bits.
constexpr uint8_t kWordBit = 1, kCapitalBit = 2, kJoinerBit = 4;
constexpr std::array<uint8_t, 256> kAsciiClasses = [] {
  std::array<uint8_t, 256> k{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) k[size_t(c)] = kWordBit;
    if (c >= 'A' && c <= 'Z') k[size_t(c)] = kWordBit | kCapitalBit;
    if (c == '\'') k[size_t(c)] = kJoinerBit;
  }
  return k;
}();

// The terms of AppendTerms for text without a byte >= 0x80 (most English comments), given
// to emit as views, without decoding the text into code points first: there, Fold is
// lowering A-Z, the word characters are a-z and 0-9, the joiner is the apostrophe, and
// nothing is CJK. A word without capitals is a view into s, others are lowered into buf.
template <class Emit>
void ForEachAsciiTerm(std::string_view s, std::string& buf, Emit&& emit) {
  const auto classes = [&](size_t i) { return kAsciiClasses[static_cast<unsigned char>(s[i])]; };
  for (size_t i = 0; i < s.size();) {
    if (!(classes(i) & kWordBit)) {
      ++i;
      continue;
    }
    const size_t begin = i;
    size_t joiners = 0;
    uint8_t seen = 0;
    for (; i < s.size(); ++i) {
      const uint8_t c = classes(i);
      if (c & kWordBit) {
        seen |= c;
        continue;
      }
      // A joiner only joins two word characters (one is behind it here).
      if (c != kJoinerBit || i + 1 == s.size() || !(classes(i + 1) & kWordBit)) break;
      ++joiners;
    }
    if (i - begin - joiners < 2) continue;
    std::string_view word = s.substr(begin, i - begin);
    if (seen & kCapitalBit) {
      buf.assign(word);
      for (char& c : buf) c = AsciiLower(c);
      word = buf;
    }
    if (!IsStopWord(word)) emit(word);
  }
}

// The terms of a comment in order of appearance, repeats included.
void AppendTerms(std::string_view utf8, std::vector<std::string>& out) {
  if (IsAscii(utf8)) {
    std::string buf;
    return ForEachAsciiTerm(utf8, buf, [&](std::string_view term) { out.emplace_back(term); });
  }
  const auto cps = Decode(utf8);
  for (size_t i = 0; i < cps.size();) {
    if (cps[i].kind == Kind::kWord) {
      i = TakeWord(cps, i, out);
    } else if (IsCjk(cps[i].kind)) {
      size_t end = i;
      while (end < cps.size() && IsCjk(cps[end].kind)) ++end;
      CjkTerms(cps, i, end, out);
      i = end;
    } else {
      ++i;
    }
  }
}

}  // namespace

std::vector<std::string> Terms(std::string_view utf8) {
  std::vector<std::string> out;
  AppendTerms(utf8, out);
  Deduplicate(out);
  return out;
}

// ---------------------------------------------------------------- distinctive terms

namespace {

// Postings per term: the indexes of the documents containing it, ascending. All in one
// array, cut by term (a survey whose comments all differ has a term or more per comment:
// a vector each was a hundred thousand allocations per grouping).
struct TermIndex {
  const TermCorpus* corpus = nullptr;
  std::vector<size_t> starts;  // by corpus term id, plus the end
  std::vector<uint32_t> docs;
  std::vector<double> group_mass;  // n_g: the group's weighted term-document pairs
  std::vector<int64_t> group_docs;
  std::span<const uint32_t> Postings(uint32_t t) const {
    return {docs.data() + starts[t], starts[t + 1] - starts[t]};
  }
  std::string_view Name(uint32_t t) const { return corpus->Name(t); }
};

void Validate(const CorpusDocument& d, uint32_t groups) {
  if (d.group >= groups) throw std::invalid_argument("a comment's group is out of range");
  if (!std::isfinite(d.weight) || d.weight < 0)
    throw std::invalid_argument("a comment's weight is negative or not finite");
}

// Scale to an average weight of 1, so that scores are on the scale of comment counts
// whatever the unit of the weights; all-zero weights fall back to counting comments.
std::vector<double> NormalizedWeights(std::span<const CorpusDocument> docs) {
  double total = 0;
  for (const auto& d : docs) total += d.weight;
  std::vector<double> w(docs.size(), 1.0);
  if (total > 0) {
    const double scale = static_cast<double>(docs.size()) / total;
    for (size_t i = 0; i < docs.size(); ++i) w[i] = docs[i].weight * scale;
  }
  return w;
}

TermIndex BuildIndex(const TermCorpus& corpus, std::span<const CorpusDocument> docs, uint32_t groups,
                     const std::vector<double>& weights) {
  TermIndex index;
  index.corpus = &corpus;
  index.group_mass.assign(groups, 0);
  index.group_docs.assign(groups, 0);
  index.starts.assign(corpus.term_count() + 1, 0);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const auto terms = corpus.TermsOf(docs[d].comment);
    index.group_mass[docs[d].group] += weights[d] * static_cast<double>(terms.size());
    ++index.group_docs[docs[d].group];
    for (const uint32_t t : terms) ++index.starts[t + 1];
  }
  std::partial_sum(index.starts.begin(), index.starts.end(), index.starts.begin());
  index.docs.resize(index.starts.back());
  std::vector<size_t> next(index.starts.begin(), index.starts.end() - 1);
  for (uint32_t d = 0; d < docs.size(); ++d)
    for (const uint32_t t : corpus.TermsOf(docs[d].comment)) index.docs[next[t]++] = d;
  return index;
}

struct Prior {
  double share;   // alpha_w / corpus frequency of w
  double mass;    // alpha_0
  double corpus;  // the corpus's weighted term-document pairs
};

// Monroe et al. (2008), eq. 16 and 18: the log-odds ratio of the term in the group vs the
// rest, each smoothed by the prior, over its approximate standard deviation.
// y and n are the term's and all terms' weighted counts in the group, c the term's in the
// corpus.
double ZScore(double y, double n, double c, const Prior& prior) {
  const double y_rest = std::max(0.0, c - y), n_rest = std::max(0.0, prior.corpus - n);
  const double a = prior.share * c;
  const double in = n + prior.mass - y - a, out = n_rest + prior.mass - y_rest - a;
  if (!(a > 0) || !(in > 0) || !(out > 0)) return 0;  // undefined: no signal to rank
  const double delta = PortableLog((y + a) / in) - PortableLog((y_rest + a) / out);
  return delta / std::sqrt(1 / (y + a) + 1 / (y_rest + a));
}

struct Candidate {
  double score;
  uint32_t term;
};

// Per-term tallies by group, reset after each term through the touched list.
struct Tally {
  std::vector<double> mass;
  std::vector<int64_t> count;
  std::vector<uint32_t> touched;
};

void ScoreTerm(uint32_t t, std::span<const uint32_t> posting,
               std::span<const CorpusDocument> docs, const std::vector<double>& weights,
               const TermIndex& index, const Prior& prior, int64_t min_count, Tally& tally,
               std::vector<std::vector<Candidate>>& candidates) {
  double total = 0;
  for (const uint32_t d : posting) {
    const uint32_t g = docs[d].group;
    if (tally.count[g]++ == 0) tally.touched.push_back(g);
    tally.mass[g] += weights[d];
    total += weights[d];
  }
  for (const uint32_t g : tally.touched) {
    if (tally.count[g] >= min_count) {
      const double score = ZScore(tally.mass[g], index.group_mass[g], total, prior);
      if (score > 0) candidates[g].push_back({score, t});
    }
    tally.mass[g] = 0;
    tally.count[g] = 0;
  }
  tally.touched.clear();
}

DistinctiveTerm Describe(const Candidate& c, uint32_t group, const TermIndex& index,
                         std::span<const CorpusDocument> docs) {
  DistinctiveTerm out{std::string(index.Name(c.term)), 0, 0, c.score, {}};
  for (const uint32_t d : index.Postings(c.term)) {
    if (docs[d].group != group) continue;
    ++out.count;
    out.weight += docs[d].weight;
    out.ids.push_back(docs[d].id);
  }
  std::sort(out.ids.begin(), out.ids.end());
  return out;
}

std::vector<DistinctiveTerm> TopTerms(std::vector<Candidate>& candidates, size_t top_k,
                                      uint32_t group, const TermIndex& index,
                                      std::span<const CorpusDocument> docs) {
  const auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return index.Name(a.term) < index.Name(b.term);
  };
  const size_t k = std::min(top_k, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + k, candidates.end(), better);
  std::vector<DistinctiveTerm> out;
  out.reserve(k);
  for (size_t i = 0; i < k; ++i) out.push_back(Describe(candidates[i], group, index, docs));
  return out;
}

}  // namespace

uint32_t TermCorpus::Add(std::string_view utf8) {
  // The same terms as Terms(utf8): repeats are dropped by id (the first kept), which
  // spares sorting strings for every comment.
  const auto comment = uint32_t(offsets_.size());  // 1-based marks in seen_
  const auto add = [&](std::string_view term) {
    const uint32_t id = ids_.Intern(term);
    if (id == seen_.size()) seen_.push_back(0);  // a new term
    if (seen_[id] == comment) return;
    seen_[id] = comment;
    terms_.push_back(id);
  };
  if (IsAscii(utf8)) {
    ForEachAsciiTerm(utf8, lowered_, add);
  } else {
    scratch_.clear();
    AppendTerms(utf8, scratch_);
    for (const std::string& t : scratch_) add(t);
  }
  offsets_.push_back(uint32_t(terms_.size()));
  return uint32_t(offsets_.size() - 2);
}

std::vector<std::vector<DistinctiveTerm>> DistinctiveTerms(std::span<const TermDocument> docs,
                                                           uint32_t groups, size_t top_k,
                                                           int64_t min_count) {
  TermCorpus corpus;
  std::vector<CorpusDocument> split;
  split.reserve(docs.size());
  for (const TermDocument& d : docs) split.push_back({corpus.Add(d.text), d.group, d.weight, d.id});
  return DistinctiveTerms(corpus, split, groups, top_k, min_count);
}

std::vector<std::vector<DistinctiveTerm>> DistinctiveTerms(const TermCorpus& corpus,
                                                           std::span<const CorpusDocument> docs,
                                                           uint32_t groups, size_t top_k,
                                                           int64_t min_count) {
  for (const auto& d : docs) Validate(d, groups);
  if (docs.size() > std::numeric_limits<uint32_t>::max())
    throw std::invalid_argument("too many comments");
  const auto weights = NormalizedWeights(docs);
  const TermIndex index = BuildIndex(corpus, docs, groups, weights);

  // A tenth of the corpus as prior mass: see the header.
  constexpr double kPriorShare = 0.1;
  const double total = std::accumulate(index.group_mass.begin(), index.group_mass.end(), 0.0);
  const Prior prior{kPriorShare, kPriorShare * total, total};

  std::vector<std::vector<Candidate>> candidates(groups);
  Tally tally{std::vector<double>(groups, 0), std::vector<int64_t>(groups, 0), {}};
  for (uint32_t t = 0; t + 1 < index.starts.size(); ++t)
    if (const auto posting = index.Postings(t); !posting.empty())
      ScoreTerm(t, posting, docs, weights, index, prior, min_count, tally, candidates);

  std::vector<std::vector<DistinctiveTerm>> out(groups);
  for (uint32_t g = 0; g < groups; ++g)
    if (index.group_docs[g] > 0) out[g] = TopTerms(candidates[g], top_k, g, index, docs);
  return out;
}

}  // namespace csm

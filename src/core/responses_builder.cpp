// SPDX-License-Identifier: MIT
#include "core/errors.hpp"
#include "core/table_builder.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

enum Col { kCustomer, kDate, kSurvey, kScore, kComment, kTouchpoint };

class ResponsesBuilder : public TableBuilder {
 public:
  ResponsesBuilder(const LoadOptions& o, Dataset& ds) : TableBuilder(o, ds) {
    if (o.csat_scale < 2 || o.csat_scale > 100 || o.ces_scale < 2 || o.ces_scale > 100)
      throw CsmError(ErrorCode::kInvalidOption, "csat and ces scales must be 2 to 100",
                     "responses");
    t_.csat_scale = o.csat_scale;
    t_.ces_scale = o.ces_scale;
  }
  void Reserve(size_t n) override {
    t_.customer.reserve(n), t_.date.reserve(n), t_.survey.reserve(n), t_.score.reserve(n);
    t_.touchpoint.reserve(n), t_.comment_offsets.reserve(n + 1);
  }

  bool AddRow(RowReader& row) override {
    uint32_t customer;
    Day date = kNoDay;
    Survey survey = Survey::kNps;  // set by ReadSurvey before any use
    int64_t score;
    std::string_view comment, touchpoint;
    if (!ReadCustomer(row, kCustomer, ds_, customer) || !row.Date(kDate, date, true) ||
        !ReadSurvey(row, survey) || !ReadScore(row, survey, score) ||
        !row.Text(kComment, comment, false) || !row.Text(kTouchpoint, touchpoint, false))
      return false;
    t_.customer.push_back(customer);
    t_.date.push_back(date);
    t_.survey.push_back(survey);
    t_.score.push_back(static_cast<int16_t>(score));
    t_.touchpoint.push_back(touchpoint.empty() ? kNoId : ds_.values.Intern(touchpoint));
    t_.comment_chars.append(comment);
    t_.comment_offsets.push_back(t_.comment_chars.size());
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.responses = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  bool ReadSurvey(RowReader& row, Survey& out) {
    std::string_view s = row.Raw(kSurvey);
    if (EqualsIgnoreCase(s, "nps")) return out = Survey::kNps, true;
    if (EqualsIgnoreCase(s, "csat")) return out = Survey::kCsat, true;
    if (EqualsIgnoreCase(s, "ces")) return out = Survey::kCes, true;
    return row.Fail(kSurvey, s, s.empty() ? "a survey (nps, csat or ces) is required"
                                          : "is not a survey (nps, csat or ces)");
  }

  bool ReadScore(RowReader& row, Survey survey, int64_t& out) {
    std::string_view s = row.Raw(kScore);
    if (s.empty()) return row.Fail(kScore, s, "a score is required");
    int lo = survey == Survey::kNps ? 0 : 1;
    int hi = survey == Survey::kNps ? 10 : survey == Survey::kCsat ? t_.csat_scale : t_.ces_scale;
    if (!row.Integer(kScore, out, INT32_MIN, INT32_MAX, 0)) return false;
    if (out < lo || out > hi)
      return row.Fail(kScore, s, "is off the " + std::string(survey == Survey::kNps ? "nps"
                                                              : survey == Survey::kCsat ? "csat" : "ces") +
                                     " scale " + std::to_string(lo) + "-" + std::to_string(hi));
    return true;
  }

  ResponsesTable t_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeResponsesBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<ResponsesBuilder>(o, ds);
}

}  // namespace csm

// SPDX-License-Identifier: MIT
#include "core/json_reader.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "core/errors.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

using nlohmann::json;

class Handler : public nlohmann::json_sax<json> {
 public:
  Handler(const JsonRecordReader::Sink& header, const JsonRecordReader::Sink& record,
          const std::string& source)
      : header_(header), record_(record), source_(source) {}

  bool null() override { return Value(""); }
  bool boolean(bool v) override { return Value(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return Value(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Value(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& text) override { return Value(text); }
  bool string(string_t& v) override { return Value(std::string(Trim(v))); }
  bool binary(binary_t&) override { return Fail("binary values are not supported"); }

  bool start_object(std::size_t) override {
    if (depth_ != 1) return Fail("objects inside objects are not supported: values must be flat");
    depth_ = 2;
    ++index_;
    std::fill(cells_.begin(), cells_.end(), std::string());
    return true;
  }
  bool key(string_t& k) override {
    std::string name(Trim(k));
    current_ = -1;
    for (size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] == name) current_ = static_cast<int>(i);
    if (current_ >= 0) return true;
    if (index_ > 1) return Fail("key \"" + name + "\" is not in the first object");
    keys_.push_back(name);
    cells_.emplace_back();
    current_ = static_cast<int>(keys_.size() - 1);
    return true;
  }
  bool end_object() override {
    depth_ = 1;
    std::vector<std::string_view> views(cells_.begin(), cells_.end());
    if (index_ == 1) {
      std::vector<std::string_view> names(keys_.begin(), keys_.end());
      header_(names, 0);
    }
    record_(views, index_);
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ != 0) return Fail("arrays inside the top-level array are not supported");
    depth_ = 1;
    return true;
  }
  bool end_array() override {
    depth_ = 0;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    std::string what = e.what();
    if (auto colon = what.rfind(": "); colon != std::string::npos) what = what.substr(colon + 2);
    return Fail("malformed JSON at byte " + std::to_string(position) + ": " + what);
  }

  bool saw_array() const { return saw_array_; }
  int64_t objects() const { return index_; }
  void MarkArray() { saw_array_ = true; }

  [[noreturn]] void Throw(const std::string& reason) const {
    int64_t at = index_ > 0 ? index_ : 1;
    throw CsmError(ErrorCode::kMalformedJson,
                   source_ + " object " + std::to_string(at) + ": " + reason, "", at);
  }

 private:
  bool Value(std::string v) {
    if (depth_ != 2) return Fail("the top level must be an array of objects");
    cells_[current_] = std::move(v);
    return true;
  }
  bool Fail(const std::string& reason) { Throw(reason); }

  const JsonRecordReader::Sink& header_;
  const JsonRecordReader::Sink& record_;
  const std::string& source_;
  std::vector<std::string> keys_, cells_;
  int current_ = -1;
  int depth_ = 0;
  int64_t index_ = 0;
  bool saw_array_ = false;
};

}  // namespace

void JsonRecordReader::Finish(const std::string& source) {
  Handler handler(header_, record_, source);
  size_t first = buffer_.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || buffer_[first] != '[')
    handler.Throw("the top level must be an array of objects");
  json::sax_parse(buffer_, &handler);
  std::string().swap(buffer_);
}

}  // namespace csm

// SPDX-License-Identifier: MIT
#include "io/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace csm {

void JsonWriter::Newline(size_t depth) {
  out_ += '\n';
  out_.append(depth * size_t(indent_), ' ');
}

// Before a key, or a value that has no key: the separator from the previous one and, when
// indenting, the new line.
void JsonWriter::Prefix() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the top-level value
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  if (indent_ >= 0) Newline(empty_.size());
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  Prefix();
  Quoted(key);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

void JsonWriter::Open(char c) {
  Prefix();
  out_ += c;
  empty_.push_back(true);
}

void JsonWriter::Close(char c) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty && indent_ >= 0) Newline(empty_.size());
  out_ += c;
}

void JsonWriter::Literal(std::string_view text) {
  Prefix();
  out_ += text;
}

void JsonWriter::Null() { Literal("null"); }

void JsonWriter::String(std::string_view s) {
  Prefix();
  Quoted(s);
}

void JsonWriter::Quoted(std::string_view s) {
  // Keys, month names and most data strings are printable ASCII without quotes or
  // backslashes; anything else is escaped (and bad UTF-8 replaced) by nlohmann itself.
  for (const char c : s) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
      out_ += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
  }
  out_ += '"';
  out_ += s;
  out_ += '"';
}

template <class T>
void JsonWriter::Integer(T v) {
  char buf[24];
  Literal(std::string_view(buf, size_t(std::to_chars(buf, buf + sizeof buf, v).ptr - buf)));
}
template void JsonWriter::Integer(int64_t);
template void JsonWriter::Integer(uint64_t);

void JsonWriter::Double(double v) {
  if (!std::isfinite(v)) return Null();
  // The shortest round-trip digits (Grisu2) in nlohmann's layout, by the function its own
  // dump calls, so that both writers print every double alike.
  char buf[64];
  Literal(std::string_view(buf, size_t(nlohmann::detail::to_chars(buf, buf + sizeof buf, v) - buf)));
}

void JsonWriter::Money(int64_t units, int exponent) {
  MoneyAs(units, exponent, [this](auto v) { Number(v); });
}

void JsonWriter::Money(const std::optional<int64_t>& units, int exponent) {
  if (units) Money(*units, exponent);
  else Null();
}

void JsonWriter::Tree(const Json& j) {
  const std::string text = j.dump(indent_, ' ', false, Json::error_handler_t::replace);
  if (indent_ < 0 || empty_.empty()) return Literal(text);
  // nlohmann indents from column 0; here the tree starts at the current depth.
  Prefix();
  const std::string pad(empty_.size() * size_t(indent_), ' ');
  for (const char c : text) {
    out_ += c;
    if (c == '\n') out_ += pad;  // raw newlines are only layout: strings hold them escaped
  }
}

}  // namespace csm

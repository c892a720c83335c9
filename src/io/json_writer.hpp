// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "io/json_values.hpp"

namespace csm {

/// Writes JSON text straight into a string, byte for byte what nlohmann::ordered_json's
/// dump(indent, ' ', false, replace) prints for the same tree (its number formatting
/// included). The report is the engine's largest output, tens of thousands of numbers:
/// built as a tree first, its nodes, copies and keys cost as much as computing the report
/// on a small data set. Keys must be distinct within an object, as the caller's are by
/// construction.
class JsonWriter {
 public:
  /// indent < 0: compact; otherwise one line per member, `indent` spaces per level.
  explicit JsonWriter(int indent) : indent_(indent) {}

  /// The next member's key; its value follows.
  JsonWriter& Key(std::string_view key);
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  template <class F>
  void Object(F&& members) {
    BeginObject();
    members();
    EndObject();
  }
  template <class F>
  void Array(F&& items) {
    BeginArray();
    items();
    EndArray();
  }

  void Null();
  void String(std::string_view s);
  /// Numbers as nlohmann prints them; bool as true/false; NaN and infinities as null.
  template <class T>
    requires std::is_arithmetic_v<T>
  void Number(T v) {
    if constexpr (std::is_same_v<T, bool>) Literal(v ? "true" : "false");
    else if constexpr (std::is_floating_point_v<T>) Double(double(v));
    else if constexpr (std::is_signed_v<T>) Integer(int64_t(v));
    else Integer(uint64_t(v));
  }
  /// Money as its exact decimal (see Money() in json_values.hpp).
  void Money(int64_t units, int exponent);
  void Money(const std::optional<int64_t>& units, int exponent);
  /// An optional number: null when absent.
  template <class T>
  void Opt(const std::optional<T>& v) {
    if (v) Number(*v);
    else Null();
  }
  /// A subtree built with nlohmann (the small sections: meta, models, ...).
  void Tree(const Json& j);

  /// Key(key) followed by Number(v).
  template <class T>
    requires std::is_arithmetic_v<T>
  void Field(std::string_view key, T v) {
    Key(key).Number(v);
  }

  std::string Take() { return std::move(out_); }

 private:
  void Prefix();
  void Open(char c);
  void Close(char c);
  void Newline(size_t depth);
  void Literal(std::string_view text);
  void Quoted(std::string_view s);
  template <class T>
  void Integer(T v);  // int64_t or uint64_t
  void Double(double v);

  std::string out_;
  int indent_;
  std::vector<bool> empty_;  // per open object or array: nothing in it yet
  bool after_key_ = false;
};

}  // namespace csm

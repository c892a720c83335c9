// SPDX-License-Identifier: MIT
// csmetrics report DATA_DIR [options]: the report as JSON on stdout (REPORT.md).
// bin/csmetrics.js is the same command over the wasm build; their output is identical.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/schema.hpp"
#include "io/model_commands.hpp"
#include "io/report_json.hpp"

namespace {

constexpr const char* kUsage =
    "usage: csmetrics report DATA_DIR [--from YYYY-MM] [--to YYYY-MM] [--lenient]\n"
    "         [--currency CODE] [--gross-margin 0.8|80%] [--csat-threshold N]\n"
    "         [--clv-churn-window N] [--segment-by ATTR] [--preset stripe]\n"
    "         [--amount-unit major|minor] [--discount-rate D] [--model-horizon N] [--pretty]\n"
    "       csmetrics drill DATA_DIR --month YYYY-MM --movement NAME [--segment VALUE]\n"
    "         [the report options]\n"
    "Reads NAME.csv or NAME.json for each table of DATA.md found in DATA_DIR\n"
    "(subscriptions, customers, responses, tickets, costs, onboarding, transactions,\n"
    "exchange_rates) and prints the report as JSON; `drill` prints the customers behind\n"
    "one figure (NAME: new, reactivation, expansion, contraction, churn, churn_voluntary,\n"
    "churn_involuntary, churn_unknown, upsell, cross_sell, retained, paying; or the models'\n"
    "customers: sbg, bg_nbd).\n"
    "       csmetrics sbg SURVIVORS.csv [--fit-periods N] [--discount D] [--horizon N] [--pretty]\n"
    "         fits the shifted-beta-geometric model to `period,<column>...` survivor counts\n"
    "       csmetrics bgnbd DATA [--calibration-end DATE] [--holdout-end DATE] [--horizon-weeks W]\n"
    "         [--clv-months N] [--discount D] [--margin M] [--pretty]\n"
    "         fits BG/NBD and Gamma-Gamma to a transactions table, CDNOW purchase file or RFM\n"
    "         summary (ID,x,t_x,T[,zbar] or ID,frequency,recency,T)\n";

struct Args {
  std::string command;
  std::string dir;
  csm::DrillDownQuery drill;
  bool has_month = false;
  csm::ReportOptions report;
  csm::LoadOptions load;
  int indent = -1;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::fprintf(stderr, "csmetrics: %s\n%s", problem.c_str(), kUsage);
  std::exit(2);
}

csm::Month MonthArg(const std::string& flag, const std::string& v) {
  csm::MonthParse p = csm::ParseMonth(v);
  if (p.error) Usage(flag + " \"" + v + "\" " + p.error);
  return p.month;
}

int IntArg(const std::string& flag, const std::string& v) {
  try {
    size_t used = 0;
    int n = std::stoi(v, &used);
    if (used == v.size()) return n;
  } catch (...) {
  }
  Usage(flag + " needs a whole number");
}

double NumberArg(const std::string& flag, const std::string& v) {
  try {
    size_t used = 0;
    double n = std::stod(v, &used);
    if (used == v.size() && n > 0) return n;
  } catch (...) {
  }
  Usage(flag + " needs a number above 0");
}

csm::Day DateArg(const std::string& flag, const std::string& v) {
  csm::DateParse p = csm::ParseDate(v);
  if (p.error) Usage(flag + " \"" + v + "\" " + p.error);
  return p.day;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Usage("cannot read \"" + path + "\"");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `sbg` and `bgnbd`: one input file, the model's JSON on stdout.
// Runs one command: its JSON on stdout and exit 0, or its error on stderr and exit 1.
template <class Produce>
int PrintJson(Produce&& produce) {
  try {
    const std::string json = produce();
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fputc('\n', stdout);
    return 0;
  } catch (const csm::CsmError& e) {
    std::fprintf(stderr, "csmetrics: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "csmetrics: internal error: %s\n", e.what());
    return 1;
  }
}

int ModelCommand(int argc, char** argv);

int RunModelCommand(int argc, char** argv) {
  try {
    return ModelCommand(argc, argv);
  } catch (const csm::CsmError& e) {  // an option's value the engine rejects
    std::fprintf(stderr, "csmetrics: %s\n", e.what());
    return 1;
  }
}

int ModelCommand(int argc, char** argv) {
  const std::string command = argv[1];
  std::string path;
  int indent = -1;
  csm::SbgCommandOptions sbg;
  csm::BgnbdCommandOptions bg;
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(flag + " needs a value");
      return argv[++i];
    };
    const bool is_sbg = command == "sbg";
    if (flag == "--pretty") indent = 2;
    else if (flag == "--discount") sbg.discount = bg.discount = NumberArg(flag, value());
    else if (is_sbg && flag == "--fit-periods") sbg.fit_periods = IntArg(flag, value());
    else if (is_sbg && flag == "--horizon") sbg.horizon = IntArg(flag, value());
    else if (!is_sbg && flag == "--calibration-end") bg.calibration_end = DateArg(flag, value());
    else if (!is_sbg && flag == "--holdout-end") bg.holdout_end = DateArg(flag, value());
    else if (!is_sbg && flag == "--horizon-weeks") bg.horizon_weeks = NumberArg(flag, value());
    else if (!is_sbg && flag == "--clv-months") bg.clv_months = IntArg(flag, value());
    else if (!is_sbg && flag == "--margin") bg.margin = csm::ParseGrossMargin(value());
    else if (!flag.empty() && flag[0] == '-') Usage("unknown option " + flag);
    else if (path.empty()) path = flag;
    else Usage("more than one input file");
  }
  if (path.empty()) Usage(command + " needs an input file");
  if (sbg.fit_periods && *sbg.fit_periods < 1) Usage("--fit-periods needs a whole number from 1");
  if (sbg.horizon < 0 || bg.clv_months < 1) Usage("--horizon and --clv-months cannot be negative");
  const std::string text = ReadWhole(path);
  const std::string source = std::filesystem::path(path).filename().string();
  return PrintJson([&] {
    return command == "sbg" ? csm::SbgCommandJson(text, source, sbg, indent)
                            : csm::BgnbdCommandJson(text, source, bg, indent);
  });
}

// Digits with an optional fraction and exponent: text that is a JSON number as it stands.
bool IsPlainNumber(const std::string& v) {
  size_t i = 0, digits = 0;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i, ++digits;
  if (i < v.size() && v[i] == '.') {
    ++i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i, ++digits;
  }
  if (digits == 0 || (v[0] == '0' && v.size() > 1 && v[1] != '.')) return false;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    const size_t exp = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == exp) return false;
  }
  return i == v.size() && v[0] != '.';
}

Args ParseArgs(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, stdout);
    std::exit(argc < 2 ? 2 : 0);
  }
  Args a;
  a.command = argv[1];
  if (a.command != "report" && a.command != "drill") Usage("unknown command \"" + a.command + "\"");
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--from") a.report.from = MonthArg(flag, value());
    else if (flag == "--to") a.report.to = MonthArg(flag, value());
    else if (flag == "--lenient") a.load.lenient = true;
    else if (flag == "--currency") a.report.currency = a.load.currency = value();
    else if (flag == "--gross-margin") a.report.gross_margin = csm::ParseGrossMargin(value());
    else if (flag == "--csat-threshold") a.report.csat_threshold = IntArg(flag, value());
    else if (flag == "--clv-churn-window") a.report.clv_churn_window = IntArg(flag, value());
    else if (flag == "--segment-by") a.report.segment_by = value();
    else if (flag == "--discount-rate" || flag == "--model-horizon") {
      // Checked by the same code as the JS option, so both CLIs answer alike.
      const std::string v = value();
      if (!IsPlainNumber(v)) Usage(flag + " needs a number");
      const csm::ReportOptions o = csm::ReportOptionsFromJson(
          std::string("{\"") + (flag == "--discount-rate" ? "discountRate" : "modelHorizon") + "\":" + v + "}");
      a.report.discount_rate = flag == "--discount-rate" ? o.discount_rate : a.report.discount_rate;
      a.report.model_horizon = flag == "--model-horizon" ? o.model_horizon : a.report.model_horizon;
    }
    else if (flag == "--preset") a.load.preset = value();
    else if (flag == "--month" && a.command == "drill") a.drill.month = MonthArg(flag, value()), a.has_month = true;
    else if (flag == "--movement" && a.command == "drill") a.drill.movement = value();
    else if (flag == "--segment" && a.command == "drill") a.drill.segment = value();
    else if (flag == "--amount-unit") {
      std::string u = value();
      if (u != "major" && u != "minor") Usage("--amount-unit is major or minor");
      a.load.amount_unit = u == "minor" ? csm::AmountUnit::kMinor : csm::AmountUnit::kMajor;
    } else if (flag == "--pretty") a.indent = 2;
    else if (!flag.empty() && flag[0] == '-') Usage("unknown option " + flag);
    else if (a.dir.empty()) a.dir = flag;
    else Usage("more than one DATA_DIR");
  }
  if (a.dir.empty()) Usage("DATA_DIR is missing");
  if (a.command == "drill" && (!a.has_month || a.drill.movement.empty()))
    Usage("drill needs --month and --movement");
  return a;
}

void LoadFile(csm::Engine& engine, csm::TableKind kind, const std::filesystem::path& path,
              csm::LoadOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw csm::CsmError(csm::ErrorCode::kInvalidOption, "cannot read " + path.string());
  options.source = path.filename().string();
  options.format = path.extension() == ".json" ? csm::InputFormat::kJson : csm::InputFormat::kCsv;
  if (kind != csm::TableKind::kSubscriptions) options.preset.clear();
  options.size_hint = std::filesystem::file_size(path);
  engine.BeginLoad(kind, options);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), std::streamsize(buffer.size()));
    if (in.gcount() > 0) engine.Feed(std::string_view(buffer.data(), size_t(in.gcount())));
  }
  engine.FinishLoad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && (std::strcmp(argv[1], "sbg") == 0 || std::strcmp(argv[1], "bgnbd") == 0))
    return RunModelCommand(argc, argv);
  Args args;
  try {
    args = ParseArgs(argc, argv);
  } catch (const csm::CsmError& e) {  // e.g. a gross margin the engine rejects, as over wasm
    std::fprintf(stderr, "csmetrics: %s\n", e.what());
    return 1;
  }
  namespace fs = std::filesystem;
  if (!fs::is_directory(args.dir)) Usage("\"" + args.dir + "\" is not a directory");
  return PrintJson([&] {
    csm::Engine engine;
    for (int k = 0; k < csm::kTableCount; ++k) {
      auto kind = static_cast<csm::TableKind>(k);
      for (const char* ext : {".csv", ".json"}) {
        fs::path path = fs::path(args.dir) / (std::string(csm::TableName(kind)) + ext);
        if (fs::exists(path)) {
          LoadFile(engine, kind, path, args.load);
          break;
        }
      }
    }
    return args.command == "drill"
               ? csm::DrillDownToJson(engine.BuildDrillDown(args.report, args.drill), args.indent)
               : csm::ReportToJson(engine.BuildReport(args.report), args.indent);
  });
}

// SPDX-License-Identifier: MIT
// csm_bench_native DATA_DIR [RUNS] [TABLE FILE [--lenient] [--map col=Header] [--const col=v]]:
// loads DATA_DIR/subscriptions.csv (or FILE as TABLE) the way the browser does (1 MiB
// chunks) and builds the report, RUNS times; prints one JSON line with the medians and
// the process's peak resident memory. bench/run.mjs drives it.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/schema.hpp"

namespace {

double Ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: csm_bench_native DATA_DIR [RUNS]\n");
    return 2;
  }
  std::string path = std::string(argv[1]) + "/subscriptions.csv";
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  csm::TableKind kind = csm::TableKind::kSubscriptions;
  csm::LoadOptions options;
  options.source = "subscriptions.csv";
  if (argc > 4) {
    kind = *csm::TableFromName(argv[3]);
    path = argv[4];
    options.source = path.substr(path.find_last_of('/') + 1);
    for (int i = 5; i < argc; ++i) {
      const std::string flag = argv[i];
      if (flag == "--lenient") options.lenient = true;
      if ((flag == "--map" || flag == "--const") && i + 1 < argc) {
        const std::string v = argv[++i];
        const size_t eq = v.find('=');
        (flag == "--map" ? options.mapping : options.constants).emplace_back(v.substr(0, eq), v.substr(eq + 1));
      }
    }
  }
  std::vector<double> load_ms, compute_ms;
  size_t rows = 0;
  int64_t checksum = 0;
  std::vector<char> buffer(size_t{1} << 20);
  for (int r = 0; r < runs; ++r) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "csm_bench_native: cannot read %s\n", path.c_str());
      return 1;
    }
    csm::Engine engine;
    auto t0 = std::chrono::steady_clock::now();
    engine.BeginLoad(kind, options);
    while (in.read(buffer.data(), std::streamsize(buffer.size())) || in.gcount() > 0)
      engine.Feed(std::string_view(buffer.data(), size_t(in.gcount())));
    rows = engine.FinishLoad().rows;
    auto t1 = std::chrono::steady_clock::now();
    csm::Report report = engine.BuildReport({});
    auto t2 = std::chrono::steady_clock::now();
    checksum = 0;
    for (const auto& m : report.months)
      if (m.revenue) checksum += m.revenue->mrr + m.revenue->paying_customers;
    load_ms.push_back(Ms(t0, t1));
    compute_ms.push_back(Ms(t1, t2));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double load = Median(load_ms), compute = Median(compute_ms);
  std::printf(
      "{\"impl\":\"csmetrics-native\",\"rows\":%zu,\"ready_ms\":0,\"load_ms\":%.1f,"
      "\"compute_ms\":%.1f,\"total_ms\":%.1f,\"peak_mb\":%.1f,\"checksum\":%lld}\n",
      rows, load, compute, load + compute, double(usage.ru_maxrss) / 1024.0,
      static_cast<long long>(checksum));
  return 0;
}

// SPDX-License-Identifier: MIT
#pragma once
#include "core/report.hpp"
#include "io/json_values.hpp"

namespace csm {

/// REPORT.md "models": {"sbg", "bg_nbd", "gamma_gamma"}, each null without its table and
/// {"error": reason, ...} when the data cannot identify the model.
Json ModelsJson(const Report& report, int exponent);

Json SbgFitJson(const SbgFit& fit);
Json BgnbdFitJson(const BgnbdFit& fit);
Json GammaGammaFitJson(const GammaGammaFit& fit);

}  // namespace csm

// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <vector>

#include "core/report.hpp"
#include "core/tables.hpp"

namespace csm {

/// First-contact resolution per month of [from, to] by the month a ticket was opened:
/// resolved at first contact (first_contact_resolved, else contacts = 1) over all tickets
/// opened; tickets still unresolved stay in the denominator and are counted in `open`.
void AddFcr(const TicketsTable& t, Month from, Month to, const std::function<bool(uint32_t)>& keep,
            std::vector<MonthReport>& months);

/// Onboarding by start-month cohort: completion rate and median days to complete.
std::vector<OnboardingMonth> OnboardingByStartMonth(const OnboardingTable& t, Month from, Month to);

}  // namespace csm

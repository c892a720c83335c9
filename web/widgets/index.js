// SPDX-License-Identifier: MIT
// csmetrics widgets: standard custom elements, no framework. Importing this module
// registers them (once); defineWidgets() does the same explicitly.
import { CsmKpi } from './kpi.js';
import { CsmBridge } from './bridge.js';
import { CsmMrrChart } from './mrr-chart.js';
import { CsmCohorts } from './cohorts.js';
import { CsmSurvival } from './survival.js';
import { CsmNps } from './nps.js';
import { CsmThemes } from './themes.js';
import { CsmUnitEconomics } from './unit-economics.js';
import { CsmDashboard } from './dashboard.js';

export { CsmKpi, CsmBridge, CsmMrrChart, CsmCohorts, CsmSurvival, CsmNps, CsmThemes, CsmUnitEconomics, CsmDashboard };
export { t, STRINGS } from './i18n.js';

export const ELEMENTS = {
  'csm-kpi': CsmKpi, 'csm-bridge': CsmBridge, 'csm-mrr-chart': CsmMrrChart, 'csm-cohorts': CsmCohorts,
  'csm-survival': CsmSurvival, 'csm-nps': CsmNps, 'csm-themes': CsmThemes,
  'csm-unit-economics': CsmUnitEconomics, 'csm-dashboard': CsmDashboard,
};

/** Registers every element not registered yet (safe to call more than once). */
export function defineWidgets(registry = globalThis.customElements) {
  for (const [tag, cls] of Object.entries(ELEMENTS)) {
    if (registry && !registry.get(tag)) registry.define(tag, cls);
  }
}

defineWidgets();

// SPDX-License-Identifier: MIT
// Types of csmetrics/widgets: custom elements fed with engine.report()'s object.
import type { Report } from '../index.js';

export interface ThemeTerm { term: string; count: number; weight?: number; score?: number; ids: string[] }
/** `family` and `name` as in the report's feedback ('nps' / 'detractor', ...) are shown in the page's language; other names as given. */
export interface Themes { groups: { family?: string; name: string; terms: ThemeTerm[] }[]; comments: Record<string, string> }

export interface CsmDrillDetail {
  month: string;
  movement: 'new' | 'reactivation' | 'expansion' | 'contraction' | 'churn' | 'churn_voluntary'
    | 'churn_involuntary' | 'churn_unknown' | 'paying';
  /** The widget's segment; null for the totals. */
  segment: string | null;
}

declare class CsmElement extends HTMLElement {
  report: Report | undefined;
  /** 'YYYY-MM'; the report's last month by default. */
  month: string;
  /** A key of report.segments; null for the totals. */
  segment: string | null;
}
export type KpiMetric = 'mrr' | 'arr' | 'paying_customers' | 'arpu' | 'nrr' | 'customer_churn_rate' | 'nps' | 'csat' | 'clv_to_cac';
export declare class CsmKpi extends CsmElement { metric: KpiMetric }
export declare class CsmBridge extends CsmElement {}
export declare class CsmMrrChart extends CsmElement {}
export declare class CsmCohorts extends CsmElement {}
export declare class CsmSurvival extends CsmElement { bySegment: boolean }
export declare class CsmNps extends CsmElement { period: 'month' | 'overall' }
export declare class CsmThemes extends CsmElement { themes: Themes | undefined }
export declare class CsmUnitEconomics extends CsmElement {}
export declare class CsmDashboard extends CsmElement { themes: Themes | undefined }

export declare const ELEMENTS: Record<string, CustomElementConstructor>;
export declare function defineWidgets(registry?: CustomElementRegistry): void;
export declare const STRINGS: Record<'en' | 'ja' | 'zh', Record<string, string>>;
export declare function t(lang: string, key: string, params?: Record<string, unknown>): string;

declare global {
  interface HTMLElementTagNameMap {
    'csm-kpi': CsmKpi; 'csm-bridge': CsmBridge; 'csm-mrr-chart': CsmMrrChart; 'csm-cohorts': CsmCohorts;
    'csm-survival': CsmSurvival; 'csm-nps': CsmNps; 'csm-themes': CsmThemes;
    'csm-unit-economics': CsmUnitEconomics; 'csm-dashboard': CsmDashboard;
  }
  interface HTMLElementEventMap { 'csm-drill': CustomEvent<CsmDrillDetail> }
}

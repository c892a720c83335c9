// SPDX-License-Identifier: MIT
// Public types of the csmetrics package. The report's shape is REPORT.md's.

/** Tables of DATA.md. */
export type TableName =
  | 'subscriptions' | 'customers' | 'responses' | 'tickets' | 'costs' | 'onboarding'
  | 'transactions' | 'exchange_rates';

export declare const TABLES: readonly TableName[];
export declare const engineVersion: string;

/** The closed list of error codes (docs/errors.md). */
export type ErrorCode =
  | 'invalid_value' | 'missing_column' | 'duplicate_column' | 'field_count' | 'duplicate_key'
  | 'malformed_csv' | 'malformed_json' | 'missing_exchange_rate' | 'mixed_currency'
  | 'invalid_option' | 'unknown_table' | 'invalid_state' | 'limit' | 'unidentifiable_model'
  | 'internal' | 'aborted';

export declare class CsMetricsError extends Error {
  readonly name: 'CsMetricsError';
  readonly code: ErrorCode;
  /** Table name (subscriptions, ...), or null when the error is not about a table. */
  readonly table: string | null;
  /** 1-based physical line (CSV) or object index (JSON); null when not tied to a row. */
  readonly line: number | null;
  /** Canonical column name, or null. */
  readonly column: string | null;
}

export interface RowError {
  code: ErrorCode;
  table: string;
  line: number;
  column: string;
  message: string;
}

export interface LoadProgress {
  phase: 'load' | 'done';
  table: TableName;
  bytes: number;
  rows: number;
}

export interface LoadOptions {
  /** Name used in messages, e.g. "subscriptions.csv"; a File's name by default. */
  source?: string;
  format?: 'auto' | 'csv' | 'json';
  /** Skip bad rows and list them instead of failing the table. */
  lenient?: boolean;
  /** Your header names for canonical columns: { customer_id: 'Customer ID' }. */
  mapping?: Partial<Record<string, string>>;
  /** Values for canonical columns the file lacks: { date: '2024-12-31' }. */
  constants?: Partial<Record<string, string>>;
  /** A known export layout: 'stripe' (subscriptions export). */
  preset?: 'stripe';
  /** Amounts in major units (49.90, the default) or minor units (4990). */
  amountUnit?: 'major' | 'minor';
  /** Currency of a file without a currency column. */
  currency?: string;
  /** responses: csat answers are 1..csatScale (default 5); ces 1..cesScale (default 7). */
  csatScale?: number;
  cesScale?: number;
  /** Expected total bytes; taken from the source when it knows its size. */
  sizeHint?: number;
  /** Called after each MiB the engine has read ('load') and once at the end ('done'). */
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

export interface LoadSummary {
  table: TableName;
  source: string;
  rows: number;
  rejected: RowError[];
}

export interface ReportOptions {
  from?: string;
  to?: string;
  currency?: string;
  /** 0.8 or "80%"; never assumed. */
  grossMargin?: number | string;
  csatThreshold?: number;
  clvChurnWindow?: number;
  segmentBy?: string;
  /** Annual discount rate of the models' DERL and CLV; 0.1 by default. */
  discountRate?: number;
  /** Months the models project (survival, expected purchases, CLV); 36 by default. */
  modelHorizon?: number;
}

/** Money in major units of meta.currency, always a whole number of minor units. */
export type Money = number;
/** A percentage: 5.0 means 5 %. */
export type Rate = number;

export interface RevenueSection {
  mrr: Money;
  arr: Money;
  contracted_arr: Money;
  paying_customers: number;
  arpu: Money | null;
  non_recurring_revenue: Money;
  mrr_incl_non_recurring: Money;
  mrr_prev: Money;
  paying_customers_prev: number;
}

export interface MovementLine {
  customers: number;
  amount: Money;
}

export interface MovementsSection {
  fx: Money;
  new: MovementLine;
  reactivation: MovementLine;
  expansion: MovementLine;
  contraction: MovementLine;
  churn: MovementLine & { voluntary: MovementLine; involuntary: MovementLine; unknown: MovementLine };
  net_change: Money;
  upsell: MovementLine & { rate: Rate | null };
  cross_sell: MovementLine & { rate: Rate | null };
}

export interface RetentionSection {
  customer_churn_rate: Rate | null;
  customer_churn_rate_annualised: Rate | null;
  retained_customers: number;
  customer_retention_rate: Rate | null;
  gross_revenue_churn: Rate | null;
  gross_revenue_churn_annualised: Rate | null;
  net_revenue_churn: Rate | null;
  nrr: Rate | null;
  grr: Rate | null;
  trailing12_base_mrr: Money;
  trailing12_mrr_now: Money;
  trailing12_nrr: Rate | null;
  quick_ratio: number | null;
}

export interface Nps {
  answers: number; promoters: number; passives: number; detractors: number;
  nps: Rate | null; se: Rate | null; lower: Rate | null; upper: Rate | null;
}

export interface Csat {
  answers: number; positive: number; csat: Rate | null;
  distribution: Record<string, number>;
  by_touchpoint: Record<string, { answers: number; positive: number; csat: Rate | null }>;
}

export interface Ces {
  answers: number; mean: number | null; distribution: Record<string, number>;
}

export interface ClvForms<T> {
  gross_margin_form: T | null;
  arpu_over_churn: T | null;
  purchase_form: T | null;
}

export interface UnitEconomics {
  costs: { acquisition: Money; retention: Money; other: Money; by_category: Record<string, Money> } | null;
  new_customers: number | null;
  cac: Money | null;
  crc: Money | null;
  churn_window_months: number | null;
  churn_window_churned: number | null;
  churn_window_base: number | null;
  monthly_churn_rate: Rate | null;
  lifetime_months: number | null;
  gross_margin: number | null;
  purchases: {
    transactions: number; purchasers: number; revenue: Money;
    average_purchase_value: Money | null; purchase_frequency: number | null;
  } | null;
  clv: ClvForms<Money>;
  clv_to_cac: ClvForms<number>;
  profit_per_customer: ClvForms<Money>;
  cac_payback_months: number | null;
}

export interface NpsClass {
  customers: number; mrr: Money; arpu: Money | null;
  churn_window_churned: number; churn_window_base: number;
  monthly_churn_rate: Rate | null; lifetime_months: number | null;
  clv: { gross_margin_form: Money | null; arpu_over_churn: Money | null };
}

export interface MonthReport {
  revenue: RevenueSection | null;
  movements: MovementsSection | null;
  retention: RetentionSection | null;
  nps: { every_answer: Nps; per_customer: Nps } | null;
  csat: Csat | null;
  ces: Ces | null;
  fcr: { tickets: number; first_contact_resolved: number; open: number; fcr: Rate | null } | null;
  unit_economics: UnitEconomics;
  /** Customers whose latest NPS answer is a detractor's or a passive's, and their MRR. */
  revenue_at_risk: { detractors: number; detractors_mrr: Money; passives: number; passives_mrr: Money } | null;
  nps_classes: { promoter: NpsClass; passive: NpsClass; detractor: NpsClass; none: NpsClass } | null;
  [section: string]: unknown;
}

export interface ReferenceBands {
  nps: { saas_average: number };
  nrr: { excellent_from: number; leaders_from: number; leaders_to: number };
  churn: { acceptable_annual_from: number; acceptable_annual_to: number;
    acceptable_monthly_from: number; acceptable_monthly_to: number };
  clv_to_cac: { healthy_from: number; thin_at: number; losing_at_most: number };
}

export interface Cohort {
  size: number;
  mrr: Money;
  ages: { age: number; customers: number; logo_retention: Rate; mrr: Money; revenue_retention: Rate | null }[];
}

export interface Survival {
  customers: number;
  events: number;
  censored: number;
  median_months: number | null;
  median_months_lower: number | null;
  median_months_upper: number | null;
  table: {
    t: number; at_risk: number; events: number; censored: number; survival: number;
    se: number | null; se_log: number | null; lower: number | null; upper: number | null;
  }[];
}

export type DrillMovement =
  | 'new' | 'reactivation' | 'expansion' | 'contraction' | 'churn' | 'churn_voluntary'
  | 'churn_involuntary' | 'churn_unknown' | 'upsell' | 'cross_sell' | 'retained' | 'paying'
  /** The models' customers at the end of `month`: subscribers (sbg) or purchasers (bg_nbd). */
  | 'sbg' | 'bg_nbd';

export interface DrillDownOptions extends ReportOptions {
  month: string;
  movement: DrillMovement;
  /** A value of segmentBy. */
  segment?: string;
}

export interface DrillDown {
  month: string;
  movement: DrillMovement;
  segment_by: string | null;
  segment: string | null;
  /** Sorted by customer_id; mrr_prev is c(m-1) at month m's exchange rate. */
  customers: {
    customer_id: string; mrr_prev?: Money; mrr?: Money; amount: Money; churn_type?: string; segment?: string;
    /** movement sbg: months paid in a row, DERL (months) and CLV (null without a gross margin). */
    paying_months?: number; derl?: number;
    /** movement bg_nbd: the RFM summary in weeks and the customer's expectations. */
    x?: number; t_x?: number; T?: number; zbar?: number; p_alive?: number;
    expected_purchases?: number; expected_spend?: number | null;
    clv?: Money | null;
  }[];
  total: { customers: number; amount: Money };
}

export interface ReportMeta {
  engine_version: string;
  from: string | null;
  to: string | null;
  currency: string | null;
  minor_unit_exponent: number;
  settings: {
    gross_margin: number | null;
    csat_scale: number;
    csat_threshold: number;
    ces_scale: number;
    clv_churn_window: number;
    discount_rate: number;
    model_horizon: number;
    z95: number;
    segment_by: string | null;
  };
  tables: string[];
  rejected: string[];
}

/** A model the data could not identify: the reason instead of parameters. */
export interface ModelError { error: string }

export interface SbgReport {
  period: 'month'; cohorts: number; customers: number;
  alpha: number; beta: number; se_alpha: number | null; se_beta: number | null;
  log_likelihood: number; iterations: number;
  /** Annual, and its monthly equivalent. */
  discount_rate: number; monthly_discount_rate: number;
  /** Observed first-lifetime survival by month of tenure (cohorts pooled), beside the fitted S(0..horizon) and r(1..horizon). */
  observed_survival: number[]; survival: number[]; retention: number[];
  /** Discounted expected lifetime of a new customer, in months. */
  del: number;
  /** derl[k]: discounted expected residual lifetime of a customer with k renewals. */
  derl: number[];
  arpu: Money | null; clv_new_customer: Money | null;
  active_base: { customers: number; mrr: Money; value: Money | null };
}

export interface BgNbdReport {
  time_unit: 'week'; calibration_end: string; customers: number; repeat_buyers: number;
  r: number; alpha: number; a: number; b: number;
  se_r: number | null; se_alpha: number | null; se_a: number | null; se_b: number | null;
  log_likelihood: number; iterations: number; horizon_months: number;
  expected_purchases_new_customer: number; expected_purchases: number; expected_alive: number;
}

export interface GammaGammaReport {
  repeat_buyers: number; p: number; q: number; gamma: number;
  se_p: number | null; se_q: number | null; se_gamma: number | null;
  log_likelihood: number; excluded_repeat_buyers: number; iterations: number;
  mean_spend: Money | null; horizon_months: number; discount_rate: number; clv_total: Money | null;
}

export interface Models {
  sbg: SbgReport | (ModelError & { period: 'month'; cohorts: number; customers: number; observed_survival: number[] }) | null;
  bg_nbd: BgNbdReport | (ModelError & { time_unit: 'week'; calibration_end: string; customers: number; repeat_buyers: number }) | null;
  gamma_gamma: GammaGammaReport | (ModelError & { repeat_buyers: number }) | null;
}

export interface SbgOptions { fitPeriods?: number; discount?: number; horizon?: number; source?: string }

export interface SbgResult {
  model: 'sbg';
  discount: number;
  fits: {
    name: string; cohort_size: number; fit_periods: number;
    alpha: number; beta: number; se_alpha: number | null; se_beta: number | null;
    log_likelihood: number; iterations: number; del: number;
    periods: {
      t: number; survivors: number | null; observed_survival: number | null; observed_retention: number | null;
      survival: number; retention: number | null; derl: number;
    }[];
  }[];
}

export interface BgNbdOptions {
  calibrationEnd?: string; holdoutEnd?: string; horizonWeeks?: number; clvMonths?: number;
  discount?: number; margin?: number; source?: string;
}

export interface BgNbdResult {
  model: 'bg_nbd'; input: 'summary' | 'purchases' | 'transactions'; time_unit: 'week';
  calibration_end: string | null; customers: number; repeat_buyers: number;
  bg_nbd: { r: number; alpha: number; a: number; b: number; se_r: number | null; se_alpha: number | null;
    se_a: number | null; se_b: number | null; log_likelihood: number; iterations: number };
  gamma_gamma: { p: number; q: number; gamma: number; se_p: number | null; se_q: number | null;
    se_gamma: number | null; log_likelihood: number; excluded_repeat_buyers: number; iterations: number } | ModelError;
  horizon_weeks: number; clv_months: number; discount: number; margin: number | null;
  holdout?: { end: string; weeks: number; actual_purchases: number; expected_purchases: number };
  customer_values: {
    id: string; x: number; t_x: number; T: number; zbar?: number; holdout_x?: number;
    p_alive: number; expected_purchases: number; expected_spend: number | null;
    expected_revenue: number | null; clv: number | null;
  }[];
}

export interface Report {
  meta: ReportMeta;
  /** Every month from meta.from to meta.to, in order ("YYYY-MM" keys). */
  months: Record<string, MonthReport>;
  overall: { nps: { every_answer: Nps; per_customer: Nps }; csat: Csat; ces: Ces } | null;
  onboarding: Record<string, { started: number; completed: number; completion_rate: Rate | null; median_days: number | null }> | null;
  reference_bands: ReferenceBands;
  /** Cohorts by first paying month; null without subscriptions. */
  cohorts: Record<string, Cohort> | null;
  survival: Survival | null;
  models: Models;
  /** With segmentBy: the months of every value of the attribute. */
  segments?: Record<string, Record<string, MonthReport>>;
  segment_cohorts?: Record<string, Record<string, Cohort>>;
  segment_survival?: Record<string, Survival>;
  [section: string]: unknown;
}

export type Source =
  | string | ArrayBuffer | ArrayBufferView | Blob | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>;

export interface Engine {
  load(table: TableName, source: Source, options?: LoadOptions): Promise<LoadSummary>;
  report(options?: ReportOptions): Promise<Report>;
  /** The report as JSON text, exactly as `csmetrics report` prints it. */
  reportJson(options?: ReportOptions, indent?: number): Promise<string>;
  /** The customers behind one figure of the report, to audit it. */
  drillDown(options: DrillDownOptions): Promise<DrillDown>;
  drillDownJson(options: DrillDownOptions, indent?: number): Promise<string>;
  reset(): Promise<void>;
  /** Fits the sBG to survivor counts (a `period,<column>...` CSV or { columns }), as `csmetrics sbg`. */
  sbg(source: Source | { columns: Record<string, number[]> }, options?: SbgOptions): Promise<SbgResult>;
  sbgJson(source: Source | { columns: Record<string, number[]> }, options?: SbgOptions, indent?: number): Promise<string>;
  /** Fits BG/NBD and Gamma-Gamma to purchases or an RFM summary, as `csmetrics bgnbd`. */
  bgnbd(source: Source | { id: string; x: number; t_x: number; T: number; zbar?: number }[], options?: BgNbdOptions): Promise<BgNbdResult>;
  bgnbdJson(source: Source | { id: string; x: number; t_x: number; T: number; zbar?: number }[], options?: BgNbdOptions, indent?: number): Promise<string>;
  /** The canonical columns of a table, for a column-mapping step. */
  columns(table: TableName): Promise<{ name: string; required: boolean }[]>;
  /** Bytes of wasm memory reserved (shared by the engines of one module; never shrinks). */
  wasmMemoryBytes(): number;
  /** Bytes of the wasm heap in use now (shared by the engines of one module). */
  wasmHeapInUse(): number;
  /** Frees the engine's wasm memory now; the engine is unusable afterwards. */
  dispose(): void;
}

export interface CreateEngineOptions {
  /** Where csmetrics-core.wasm is served; by default next to this module. */
  wasmUrl?: string | URL;
  /** The wasm bytes themselves. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Loads the WebAssembly module (once per location) and returns a new engine. */
export declare function createEngine(options?: CreateEngineOptions): Promise<Engine>;

export interface WorkerEngineOptions extends CreateEngineOptions {
  /** Where worker.js is served; by default next to this module. */
  workerUrl?: string | URL;
}

/**
 * The same engine in a module Web Worker: loading and computing never block the page.
 * load() reports progress through onProgress and stops on its AbortSignal (code 'aborted').
 */
export declare function createWorkerEngine(options?: WorkerEngineOptions): Promise<Omit<Engine, 'wasmMemoryBytes' | 'wasmHeapInUse' | 'sbgJson' | 'bgnbdJson'>>;

// SPDX-License-Identifier: MIT
// Compiled with tsc --noEmit: the published declarations must accept real usage and
// reject misuse (each @ts-expect-error fails the build if the line stops being an error).
import { createEngine, CsMetricsError, TABLES } from 'csmetrics';
import type { Report, LoadSummary, RevenueSection, TableName } from 'csmetrics';

export async function example(file: File): Promise<number> {
  const engine = await createEngine({ wasmUrl: new URL('https://example.invalid/x.wasm') });
  const summary: LoadSummary = await engine.load('subscriptions', file, {
    lenient: true,
    preset: 'stripe',
    mapping: { customer_id: 'Customer ID' },
    onProgress: ({ bytes, rows, phase }) => void [bytes, rows, phase],
  });
  const rejectedLines: number[] = summary.rejected.map((r) => r.line);
  const report: Report = await engine.report({ from: '2024-01', grossMargin: 0.8 });
  const revenue: RevenueSection | null = report.months['2024-01']?.revenue ?? null;
  const tables: readonly TableName[] = TABLES;
  try {
    await engine.load('customers', 'customer_id\nc1\n');
  } catch (e) {
    if (e instanceof CsMetricsError) {
      const where: [string, string | null, number | null, string | null] = [e.code, e.table, e.line, e.column];
      void where;
    }
  }
  // @ts-expect-error: not a table of DATA.md
  await engine.load('invoices', '');
  // @ts-expect-error: amountUnit is 'major' or 'minor'
  await engine.load('subscriptions', '', { amountUnit: 'cents' });
  // @ts-expect-error: a number is not a source
  await engine.load('subscriptions', 42);
  const json: string = await engine.reportJson({}, 2);
  engine.dispose();
  return rejectedLines.length + (revenue?.mrr ?? 0) + tables.length + json.length;
}

export async function metrics(): Promise<number> {
  const engine = await createEngine();
  const report = await engine.report({ segmentBy: 'plan' });
  const month = report.months['2024-01'];
  const churn: number = month?.movements?.churn.voluntary.amount ?? 0;
  const nrr: number | null = month?.retention?.nrr ?? null;
  const nps: number | null = month?.nps?.per_customer.nps ?? null;
  const clv: number | null = month?.unit_economics.clv.gross_margin_form ?? null;
  const median: number | null = report.survival?.median_months ?? null;
  const band: number = report.reference_bands.clv_to_cac.healthy_from;
  const drill = await engine.drillDown({ month: '2024-01', movement: 'churn', segment: 'Pro' });
  const ids: string[] = drill.customers.map((c) => c.customer_id);
  // @ts-expect-error: not a movement
  await engine.drillDown({ month: '2024-01', movement: 'upgrade' });
  return churn + (nrr ?? 0) + (nps ?? 0) + (clv ?? 0) + (median ?? 0) + band + ids.length;
}

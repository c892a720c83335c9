// SPDX-License-Identifier: MIT
// <csm-kpi metric="mrr">: a month's value, its change, a 12-month sparkline, the seeds' band.
import { CsmElement, h, s, scale, DASH } from './base.js';

// [value of a month, kind, lower is better]
const METRICS = {
  mrr: [(m) => m.revenue?.mrr, 'money', false, (m) => m.revenue?.mrr_prev],
  arr: [(m) => m.revenue?.arr, 'money', false, (m) => m.revenue && m.revenue.mrr_prev * 12],
  paying_customers: [(m) => m.revenue?.paying_customers, 'count', false, (m) => m.revenue?.paying_customers_prev],
  arpu: [(m) => m.revenue?.arpu, 'money'],
  nrr: [(m) => m.retention?.nrr, 'rate'],
  customer_churn_rate: [(m) => m.retention?.customer_churn_rate, 'rate', true],
  nps: [(m) => m.nps?.every_answer?.nps, 'score'],
  csat: [(m) => m.csat?.csat, 'rate'],
  clv_to_cac: [(m) => m.unit_economics?.clv_to_cac?.gross_margin_form, 'ratio'],
};

export class CsmKpi extends CsmElement {
  static resize = true;
  get metric() { return this._metric ?? this.getAttribute('metric') ?? 'mrr'; }
  set metric(v) { this._metric = v; this.update(); }

  fmt(v, kind, signed) {
    const { f } = this;
    if (kind === 'money') return Math.abs(v) >= 1e5 ? f.short(v, signed, signed ? 1 : 2) : f.money(v, signed);
    if (kind === 'count') return f.num(v, 0, signed);
    if (kind === 'rate') return f.pct(v, this.metric === 'customer_churn_rate' ? 2 : 1, signed);
    if (kind === 'ratio') return v == null ? DASH : `${f.num(v, 1, signed)}${signed ? '' : ':1'}`;
    return f.num(v, 1, signed);
  }

  band(v) {
    const b = this.report.reference_bands;
    const { f } = this;
    const key = this.metric;
    if (!b || v == null) return null;
    let text; let status; let good;
    if (key === 'nps' && b.nps) {
      text = this.t('nps_band', { v: f.num(b.nps.saas_average) });
      good = v >= b.nps.saas_average; status = this.t(good ? 'above' : 'below');
    } else if (key === 'nrr' && b.nrr) {
      const n = b.nrr;
      text = this.t('nrr_band', { a: f.pct(n.excellent_from, 0), b: f.num(n.leaders_from), c: f.pct(n.leaders_to, 0) });
      good = v >= n.excellent_from;
      status = v >= n.leaders_from ? this.t('leaders') : good ? this.t('excellent') : this.t('below_100', { v: f.pct(n.excellent_from, 0) });
    } else if (key === 'customer_churn_rate' && b.churn) {
      const c = b.churn;
      text = this.t('churn_band', { a: f.num(c.acceptable_monthly_from, 2), b: f.pct(c.acceptable_monthly_to, 2) });
      good = v <= c.acceptable_monthly_to;
      status = this.t(v > c.acceptable_monthly_to ? 'high' : v < c.acceptable_monthly_from ? 'low' : 'within');
    } else if (key === 'clv_to_cac' && b.clv_to_cac) {
      const c = b.clv_to_cac;
      text = this.t('clv_band', { a: c.healthy_from, b: c.thin_at, c: c.losing_at_most });
      good = v >= c.healthy_from;
      status = this.t(good ? 'healthy' : v <= c.losing_at_most ? 'losing' : 'thin');
    } else return null;
    return h('p', { class: 'band', part: 'band' }, h('span', { class: `chip ${good ? 'pos' : 'neg'}`, text: status }), ' ', h('span', { class: 'muted', text }));
  }

  ref() {
    const b = this.report.reference_bands ?? {};
    return { nps: [b.nps?.saas_average], nrr: [b.nrr?.excellent_from], clv_to_cac: [b.clv_to_cac?.healthy_from],
      customer_churn_rate: [b.churn?.acceptable_monthly_from, b.churn?.acceptable_monthly_to] }[this.metric];
  }

  render() {
    const spec = METRICS[this.metric] ?? METRICS.mrr;
    const [get, kind, lowerBetter, getPrev] = spec;
    const series = this.series() ?? {};
    const months = Object.keys(series);
    const m = this.month;
    const i = months.indexOf(m);
    const mo = series[m] ?? {};
    const v = get(mo) ?? null;
    const pm = months[i - 1];
    const p = (pm ? get(series[pm]) : getPrev?.(mo)) ?? null;
    const label = this.t(this.metric in METRICS ? this.metric : 'mrr');
    const out = [h('h3', { part: 'title', text: label }),
      h('p', { class: 'sub', part: 'subtitle', text: [this.f.month(m), this.segment != null ? this.t('segment', { v: this.segment || '""' }) : ''].filter(Boolean).join(' · ') })];
    out.push(h('p', { class: 'value', part: 'value', title: v == null ? this.t('null_expl') : (kind === 'money' ? this.f.money(v) : null), text: this.fmt(v, kind) }));
    if (v != null && p != null) {
      const d = v - p;
      const good = lowerBetter ? d < 0 : d > 0;
      const abs = kind === 'rate' || kind === 'score' ? `${this.f.num(d, 1, true)} ${this.t('pt')}` : this.fmt(d, kind, true);
      const rel = p !== 0 && kind !== 'rate' && kind !== 'score' ? ` (${this.f.pct((d / Math.abs(p)) * 100, 1, true)})` : '';
      out.push(h('p', { class: `delta ${d === 0 ? 'muted' : good ? 'pos' : 'neg'}`, part: 'delta' },
        `${d > 0 ? '▲' : d < 0 ? '▼' : '■'} ${abs}${rel} `, h('span', { class: 'muted', text: this.t('vs_prev') })));
    } else out.push(h('p', { class: 'delta muted', part: 'delta', text: ' ' }));
    // Sparkline: the last 12 months up to the month.
    const last = months.slice(Math.max(0, i - 11), i + 1);
    const vals = last.map((k) => get(series[k]) ?? null);
    const nums = vals.filter((x) => x != null);
    if (nums.length > 1) {
      const W = Math.max(120, this.width(120) - 2);
      const H = 36;
      let lo = Math.min(...nums); let hi = Math.max(...nums);
      if (lo === hi) { lo -= 1; hi += 1; }
      const x = scale(0, last.length - 1, 2, W - 4);
      const y = scale(lo, hi, H - 3, 3);
      let d = '';
      vals.forEach((val, j) => { if (val != null) d += `${d && vals[j - 1] != null ? 'L' : 'M'}${x(j).toFixed(1)},${y(val).toFixed(1)}`; });
      const ref = (this.ref() ?? []).filter((r) => r != null && r >= lo && r <= hi);
      const summary = this.t('spark', { k: label, n: last.length, a: this.fmt(nums[0], kind), b: this.fmt(nums.at(-1), kind) });
      out.push(s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, part: 'sparkline', preserveAspectRatio: 'none' },
        s('title', { text: summary }),
        ref.length === 2 ? s('rect', { x: 0, width: W, y: y(ref[1]), height: Math.max(1, y(ref[0]) - y(ref[1])), class: 'refband' }) : null,
        ref.length === 1 ? s('line', { x1: 0, x2: W, y1: y(ref[0]), y2: y(ref[0]), class: 'ref' }) : null,
        s('path', { d, class: 'line' }),
        vals.at(-1) != null ? s('circle', { cx: x(vals.length - 1), cy: y(vals.at(-1)), r: 2.5, class: 'acc' }) : null));
    }
    const band = this.band(v);
    if (band) out.push(band);
    // CLV is never computed on an assumed margin: say what is missing rather than a bare dash.
    if (v == null && this.metric === 'clv_to_cac' && this.report.meta?.settings?.gross_margin == null) {
      out.push(h('p', { class: 'band muted', part: 'band', text: this.t('needs_margin') }));
    }
    return out;
  }
}
CsmKpi.prototype.css = `
:host{padding:10px 12px}
h3{font-size:13px;color:var(--csm-muted,#57606a);font-weight:600}
.sub{margin:0}
.value{font-size:26px;font-weight:650;margin:2px 0 0;font-variant-numeric:tabular-nums;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.delta{font-size:12px;margin:0 0 4px;font-variant-numeric:tabular-nums}
.line{fill:none;stroke:var(--csm-accent,#0969da);stroke-width:1.5;vector-effect:non-scaling-stroke}
.ref{stroke:var(--csm-muted,#57606a);stroke-dasharray:3 3;vector-effect:non-scaling-stroke}
.refband{fill:var(--csm-positive,#1a7f37);opacity:.15}
.band{font-size:11.5px;margin:6px 0 0}
.chip{font-weight:600}
`;

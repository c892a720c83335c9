// SPDX-License-Identifier: MIT
// <csm-unit-economics>: CAC, CRC, the CLV forms, CLV:CAC on a gauge against 3:1, payback.
import { CsmElement, h, s, scale, DASH } from './base.js';

const FORMS = ['gross_margin_form', 'arpu_over_churn', 'purchase_form'];

export class CsmUnitEconomics extends CsmElement {
  static resize = true;
  render() {
    const { f } = this;
    const ue = this.series()?.[this.month]?.unit_economics;
    const head = this.head('unit');
    if (!ue) return [...head, h('p', { class: 'empty', text: this.t('no_data') })];
    const nul = this.t('null_expl');
    const cell = (text, v, tag = 'td') => h(tag, { text, title: v == null ? nul : null });
    const money = (v) => f.money(v);
    const ratio = (v) => (v == null ? DASH : `${f.num(v, 1)}:1`);
    const stats = h('dl', { class: 'stats', part: 'value' },
      [['cac', money(ue.cac), ue.cac], ['crc', money(ue.crc), ue.crc],
        ['payback', ue.cac_payback_months == null ? DASH : this.t('months_v', { v: f.num(ue.cac_payback_months, 1) }), ue.cac_payback_months],
        ['lifetime', ue.lifetime_months == null ? DASH : this.t('months_v', { v: f.num(ue.lifetime_months, 1) }), ue.lifetime_months]]
        .map(([k, text, v]) => h('div', {}, h('dt', { text: this.t(k) }), h('dd', { text, title: v == null ? nul : null }))));
    const table = h('table', { part: 'table' },
      h('thead', {}, h('tr', {}, h('th', {}), ['clv', 'clv_to_cac', 'profit'].map((k) => h('th', { scope: 'col', text: this.t(k) })))),
      h('tbody', {}, FORMS.map((k) => h('tr', {}, h('th', { scope: 'row', text: this.t(k) }),
        cell(money(ue.clv?.[k]), ue.clv?.[k]), cell(ratio(ue.clv_to_cac?.[k]), ue.clv_to_cac?.[k]),
        cell(money(ue.profit_per_customer?.[k]), ue.profit_per_customer?.[k])))));
    return [...head, stats, this.gauge(ue), table];
  }

  gauge(ue) {
    const { f } = this;
    const form = FORMS.find((k) => ue.clv_to_cac?.[k] != null);
    const v = form ? ue.clv_to_cac[form] : null;
    const b = this.report.reference_bands?.clv_to_cac ?? { healthy_from: 3, thin_at: 2, losing_at_most: 1 };
    const W = this.width(280); const H = 58; const L = 8; const R = 14;
    const max = Math.max(5, Math.ceil((v ?? 0) * 1.1));
    const x = scale(0, max, L, W - R);
    const summary = this.t('gauge_sum', { v: v == null ? DASH : `${f.num(v, 1)}:1`, h: b.healthy_from, l: b.losing_at_most });
    const zones = [[0, b.losing_at_most, 'z-neg', 'losing'], [b.losing_at_most, b.healthy_from, 'z-mid', 'thin'], [b.healthy_from, max, 'z-pos', 'healthy']];
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, part: 'gauge' }, s('title', { text: summary }),
      zones.map(([a, c, cls, k]) => [s('rect', { x: x(a), y: 18, width: x(c) - x(a), height: 14, class: cls }),
        x(c) - x(a) > 46 ? s('text', { x: (x(a) + x(c)) / 2, y: 45, 'text-anchor': 'middle', class: 'zl', text: this.t(k) }) : null]),
      [b.losing_at_most, b.thin_at, b.healthy_from].map((t) => [s('line', { x1: x(t), x2: x(t), y1: 16, y2: 34, class: 'tk' }),
        s('text', { x: x(t), y: 56, 'text-anchor': 'middle', class: 'zl', text: f.num(t) })]));
    if (v != null) {
      const px = x(Math.max(0, Math.min(max, v)));
      svg.append(s('path', { d: `M${px - 6},4h12l-6,10z`, class: 'acc mk' }),
        s('line', { x1: px, x2: px, y1: 14, y2: 34, class: 'mkl' }),
        s('text', { x: px + (px > W - 70 ? -10 : 10), y: 12, 'text-anchor': px > W - 70 ? 'end' : 'start', class: 'mv', text: `${f.num(v, 1)}:1` }));
    }
    return h('div', { class: 'g' }, h('p', { class: 'gl', text: `${this.t('clv_to_cac')} · ${form ? this.t(form) : DASH}` }), svg);
  }
}
CsmUnitEconomics.prototype.css = `
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(110px,1fr));gap:6px 12px;margin:0 0 10px}
dt{font-size:12px;color:var(--csm-muted,#57606a)}dd{margin:0;font-size:18px;font-weight:600;font-variant-numeric:tabular-nums}
.gl{font-size:12px;margin:0 0 2px;color:var(--csm-muted,#57606a)}
table{width:100%;border-collapse:collapse;font-size:12.5px;margin-top:8px;font-variant-numeric:tabular-nums}
th,td{padding:4px 6px;text-align:right;border-bottom:1px solid var(--csm-grid,#d0d7de)}
th[scope=row],thead th:first-child{text-align:left;font-weight:500}
thead th{color:var(--csm-muted,#57606a);font-weight:600}
.z-neg{fill:var(--csm-negative,#cf222e);opacity:.35}.z-mid{fill:#d4a72c;opacity:.45}.z-pos{fill:var(--csm-positive,#1a7f37);opacity:.3}
.zl{fill:var(--csm-muted,#57606a);font-size:10.5px}
.tk{stroke:var(--csm-fg,#1f2328);stroke-width:1}
.mkl{stroke:var(--csm-fg,#1f2328);stroke-width:2.5}
.mv{font-weight:600;font-size:12px}
`;

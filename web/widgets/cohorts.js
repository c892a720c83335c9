// SPDX-License-Identifier: MIT
// <csm-cohorts>: a retention heatmap by cohort and age, logos or revenue.
import { CsmElement, h } from './base.js';

export class CsmCohorts extends CsmElement {
  needsSeries = false;
  render() {
    const seg = this.segment;
    const cohorts = seg == null ? this.report.cohorts : this.report.segment_cohorts?.[seg];
    const kind = this._kind ?? 'logo';
    const toggle = h('div', { class: 'toggle', role: 'group', part: 'toggle', 'aria-label': this.t('cohorts') },
      ['logo', 'revenue'].map((k) => h('button', { type: 'button', 'aria-pressed': String(k === kind), text: this.t(k),
        onclick: () => { this._kind = k; this.update(); } })));
    const head = this.head('cohorts', null);
    const keys = Object.keys(cohorts ?? {}).filter((k) => cohorts[k]?.size > 0);
    if (!keys.length) return [...head, h('p', { class: 'empty', text: this.t('no_data') })];
    const { f } = this;
    const maxAge = Math.max(...keys.map((k) => cohorts[k].ages.length - 1));
    const field = kind === 'logo' ? 'logo_retention' : 'revenue_retention';
    const table = h('table', { part: 'table', 'aria-label': this.t('cohort_sum', { n: keys.length, kind: this.t(kind) }) },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'c0', text: this.t('cohort') }), h('th', { scope: 'col', class: 'c1', text: this.t('size') }),
        Array.from({ length: maxAge + 1 }, (_, a) => h('th', { scope: 'col', text: String(a) })))),
      h('tbody', {}, keys.map((k) => {
        const c = cohorts[k];
        const name = f.month(k);
        return h('tr', {}, h('th', { scope: 'row', class: 'c0', text: name }), h('td', { class: 'c1', text: f.num(c.size) }),
          Array.from({ length: maxAge + 1 }, (_, a) => {
            const cell = c.ages[a];
            const v = cell?.[field];
            if (v == null) return h('td', { class: 'na' });
            const label = this.t('cell', { c: name, a, v: f.pct(v, 1), n: f.num(cell.customers) });
            const pct = Math.round(Math.max(0, Math.min(100, v)) * 0.7);
            const td = h('td', { 'aria-label': label, title: label, text: f.pct(v, 0) });
            td.style.background = `color-mix(in srgb, var(--csm-accent, #0969da) ${pct}%, var(--csm-bg, #fff))`;
            return td;
          }));
      })));
    return [...head, toggle, h('p', { class: 'sub', text: this.t('age') }), h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': this.t('cohorts') }, table)];
  }
}
CsmCohorts.prototype.css = `
.toggle{display:flex;gap:6px;margin:0 0 6px}
.scroll{overflow:auto;max-height:340px;border:1px solid var(--csm-grid,#d0d7de);border-radius:4px;cursor:auto}
table{border-collapse:separate;border-spacing:0;font-size:11px;font-variant-numeric:tabular-nums}
th,td{padding:3px 4px;text-align:right;min-width:38px;white-space:nowrap}
thead th{position:sticky;top:0;background:var(--csm-bg,#fff);z-index:1;color:var(--csm-muted,#57606a);font-weight:600;border-bottom:1px solid var(--csm-grid,#d0d7de)}
.c0{position:sticky;left:0;background:var(--csm-bg,#fff);text-align:left;z-index:2;font-weight:500}
.c1{color:var(--csm-muted,#57606a);border-right:1px solid var(--csm-grid,#d0d7de)}
`;

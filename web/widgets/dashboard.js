// SPDX-License-Identifier: MIT
// <csm-dashboard>: every widget in a responsive grid, with month and segment pickers.
// csm-drill events of the widgets bubble out of it (they are composed).
import { CsmElement, h } from './base.js';

export const KPIS = ['mrr', 'arr', 'paying_customers', 'nrr', 'customer_churn_rate', 'nps', 'csat', 'clv_to_cac'];
const PANELS = ['csm-bridge', 'csm-mrr-chart', 'csm-cohorts', 'csm-survival', 'csm-nps', 'csm-unit-economics', 'csm-themes'];

export class CsmDashboard extends CsmElement {
  needsSeries = false;
  standalone = true;
  get themes() { return this._themes; }
  set themes(v) { this._themes = v; this.update(); }
  paint() {
    super.paint();
    // Keep the children (and their state) across paints; set their data again.
    for (const w of this._kids ?? []) {
      w.report = this.report;
      w.month = this.month;
      w.segment = this.segment;
      if (w.localName === 'csm-themes') w.themes = this._themes;
    }
  }
  render() {
    this._kids ??= [...KPIS.map((k) => Object.assign(document.createElement('csm-kpi'), { metric: k })),
      ...PANELS.map((tag) => document.createElement(tag))];
    const kpis = this._kids.slice(0, KPIS.length);
    const panels = this._kids.slice(KPIS.length);
    panels.forEach((p) => p.classList.toggle('wide', p.localName === 'csm-mrr-chart' || p.localName === 'csm-cohorts'));
    const months = this.monthKeys();
    const segs = Object.keys(this.report?.segments ?? {});
    const seg = this.segment;
    const pick = (label, opts, value, on) => h('label', {}, h('span', { text: label }),
      h('select', { onchange: (e) => on(e.target.value) }, opts.map(([v, text]) => h('option', { value: v, selected: v === value, text }))));
    const bar = h('div', { class: 'bar', part: 'toolbar' },
      months.length ? pick(this.t('month'), months.map((m) => [m, this.f.month(m)]).reverse(), this.month, (v) => { this.month = v; }) : null,
      segs.length ? pick(this.t('segment', { v: '' }).replace(/[:：]\s*$/, ''), [['', this.t('all')], ...segs.map((v) => [`=${v}`, v || '""'])],
        seg == null ? '' : `=${seg}`, (v) => { this.segment = v ? v.slice(1) : null; }) : null);
    return [bar, h('div', { class: 'kpis', part: 'kpis' }, kpis), h('div', { class: 'panels', part: 'grid' }, panels)];
  }
}
CsmDashboard.prototype.css = `
:host{border:0;padding:0;background:transparent}
.bar{display:flex;flex-wrap:wrap;gap:8px 16px;margin:0 0 12px;font-size:13px}
.bar label{display:flex;gap:6px;align-items:center}
select{font:inherit;color:inherit;background:var(--csm-bg,#fff);border:1px solid var(--csm-grid,#d0d7de);border-radius:6px;padding:3px 6px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,250px),1fr));gap:12px;margin:0 0 12px}
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:12px;align-items:start;grid-auto-flow:row dense}
.panels>*{min-width:0}
.panels>.wide{grid-column:1/-1}
`;

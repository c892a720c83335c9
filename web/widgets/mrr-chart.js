// SPDX-License-Identifier: MIT
// <csm-mrr-chart>: movements as stacked columns per month and the MRR line. One tab stop;
// arrow keys move between bars (roving tabindex), Enter dispatches csm-drill.
import { CsmElement, h, s, scale, ticks, yAxis, srTable } from './base.js';

const UP = ['expansion', 'reactivation', 'new'];
const DOWN = ['contraction', 'churn'];

export class CsmMrrChart extends CsmElement {
  static resize = true;
  render() {
    const series = this.series() ?? {};
    const months = Object.keys(series).filter((k) => series[k]?.movements && series[k]?.revenue);
    if (!months.length) return [...this.head('mrr_chart', null), h('p', { class: 'empty', text: this.t('no_data') })];
    const { f } = this;
    const amt = (k, mo) => mo.movements[k].amount;
    const ups = months.map((k) => UP.reduce((a, c) => a + amt(c, series[k]), 0) + Math.max(0, series[k].movements.fx));
    const downs = months.map((k) => DOWN.reduce((a, c) => a + amt(c, series[k]), 0));
    const mrr = months.map((k) => series[k].revenue.mrr);
    const tk = ticks(-Math.max(...downs, 0), Math.max(...ups, 1), 5);
    const tm = ticks(0, Math.max(...mrr, 1), 5);
    const W = this.width(420); const H = 280;
    const L = 58; const R = 56; const T = 12; const B = 28;
    const slot = (W - L - R) / months.length;
    const bw = Math.max(1, slot * 0.72);
    const y = scale(tk[0], tk.at(-1), H - B, T);
    const ym = scale(0, tm.at(-1), y(0), T);
    const sel = this.month;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', part: 'chart',
      'aria-label': this.t('mrr_sum', { a: f.money(mrr[0]), b: f.money(mrr.at(-1)), m1: f.month(months[0]), m2: f.month(months.at(-1)) }) },
    yAxis(tk, y, L, W - R, (v) => f.short(v)), yAxis(tm, ym, L, W - R, (v) => f.short(v), true));
    const grid = [];
    const every = Math.ceil(months.length / Math.max(1, (W - L - R) / 56));
    months.forEach((k, i) => {
      const x = L + slot * i + (slot - bw) / 2;
      const mo = series[k];
      if (k === sel) svg.append(s('rect', { x: L + slot * i, y: T, width: slot, height: H - B - T, class: 'sel', 'aria-hidden': 'true' }));
      const col = [];
      let top = 0;
      for (const c of UP) {
        const a = amt(c, mo);
        if (a > 0) col.unshift([c, top, top + a, a, mo.movements[c].customers]);
        top += a;
      }
      let bot = 0;
      for (const c of DOWN) {
        const a = amt(c, mo);
        if (a > 0) col.push([c, bot - a, bot, -a, mo.movements[c].customers]);
        bot -= a;
      }
      grid.push(col.map(([c, a0, a1, a, n]) => {
        const label = `${f.month(k)}, ${this.t(c)}: ${f.money(a, true)}, ${this.t('customers', { n: f.num(n) })}`;
        const r = s('rect', { x, y: y(a1), width: bw, height: Math.max(0.5, y(a0) - y(a1)), class: `c-${c}`, tabindex: -1, role: 'button', 'aria-label': label },
          s('title', { text: label }));
        r.addEventListener('click', () => this.drill(k, c));
        svg.append(r);
        return r;
      }));
      grid[i].forEach((r, j) => { r._pos = [i, j]; });
      if (i % every === 0) svg.append(s('text', { x: L + slot * (i + 0.5), y: H - B + 14, 'text-anchor': 'middle', class: 'axis-x', text: f.monthShort(k), 'aria-hidden': 'true' }));
    });
    const first = grid.find((c) => c.length)?.[0];
    if (first) first.setAttribute('tabindex', 0);
    svg.addEventListener('keydown', (e) => {
      const pos = e.target._pos;
      if (!pos) return;
      let [i, j] = pos;
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.target.dispatchEvent(new MouseEvent('click')); return; }
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (step) { do i += step; while (grid[i] && !grid[i].length); }
      else if (e.key === 'ArrowUp') j -= 1; else if (e.key === 'ArrowDown') j += 1;
      else if (e.key === 'Home') i = 0; else if (e.key === 'End') i = grid.length - 1;
      else return;
      e.preventDefault();
      const col = grid[Math.max(0, Math.min(grid.length - 1, i))];
      const next = col?.[Math.max(0, Math.min(col.length - 1, j))];
      if (next) { e.target.setAttribute('tabindex', -1); next.setAttribute('tabindex', 0); next.focus(); }
    });
    const pts = mrr.map((v, i) => `${(L + slot * (i + 0.5)).toFixed(1)},${ym(v).toFixed(1)}`);
    svg.append(s('polyline', { points: pts.join(' '), class: 'mrr', 'aria-hidden': 'true' }));
    const kinds = [['new'], ['reactivation'], ['expansion'], ['contraction'], ['churn'], ['mrr', 'line']];
    return [...this.head('mrr_chart', null), svg,
      h('ul', { class: 'legend', part: 'legend' }, kinds.map(([k, line]) => h('li', { class: `c-${k}` }, h('i', { class: line ? 'ln' : '' }), h('span', { text: this.t(k) })))),
      srTable(this.t('mrr_chart'), [this.t('month'), ...kinds.map(([k]) => this.t(k))],
        months.map((k, i) => [f.month(k), ...['new', 'reactivation', 'expansion'].map((c) => f.money(amt(c, series[k]))),
          ...DOWN.map((c) => f.money(-amt(c, series[k]))), f.money(mrr[i])]))];
  }
}
CsmMrrChart.prototype.css = `
.c-new{fill:var(--csm-positive,#1a7f37);color:var(--csm-positive,#1a7f37)}
.c-reactivation{fill:#0550ae;color:#0550ae}
.c-expansion{fill:#2da44e;color:#2da44e}
.c-contraction{fill:#bc4c00;color:#bc4c00}
.c-churn{fill:var(--csm-negative,#cf222e);color:var(--csm-negative,#cf222e)}
.c-mrr{color:var(--csm-fg,#1f2328)}
.legend span{color:var(--csm-fg,#1f2328)}
.legend i.ln{height:3px;vertical-align:3px;width:14px}
.mrr{fill:none;stroke:var(--csm-fg,#1f2328);stroke-width:2}
.sel{fill:var(--csm-accent,#0969da);opacity:.1}
.axis-x{fill:var(--csm-muted,#57606a);font-size:10.5px}
`;

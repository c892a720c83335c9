// SPDX-License-Identifier: MIT
// <csm-bridge>: a month's MRR bridge as a waterfall; each bar dispatches csm-drill.
import { CsmElement, h, s, act, scale, ticks, yAxis, srTable } from './base.js';

export class CsmBridge extends CsmElement {
  static resize = true;
  render() {
    const m = this.month;
    const mo = this.series()?.[m];
    const mv = mo?.movements;
    const rev = mo?.revenue;
    if (!mv || !rev) return [...this.head('bridge'), h('p', { class: 'empty', text: this.t('no_data') })];
    const { f } = this;
    const bars = [{ key: 'mrr_prev', total: rev.mrr_prev, drill: [this.prevMonth(m), 'paying'] }];
    if (mv.fx) bars.push({ key: 'fx', d: mv.fx });
    for (const k of ['new', 'reactivation', 'expansion']) bars.push({ key: k, d: mv[k].amount, n: mv[k].customers, drill: [m, k] });
    bars.push({ key: 'contraction', d: -mv.contraction.amount, n: mv.contraction.customers, drill: [m, 'contraction'] });
    const parts = ['voluntary', 'involuntary', 'unknown'].map((k) => ({ key: `churn_${k}`, a: mv.churn[k]?.amount ?? 0, n: mv.churn[k]?.customers ?? 0 }))
      .filter((p) => p.a > 0);
    bars.push({ key: 'churn', d: -mv.churn.amount, n: mv.churn.customers, parts, drill: [m, 'churn'] });
    bars.push({ key: 'mrr_end', total: rev.mrr, drill: [m, 'paying'] });
    let level = rev.mrr_prev;
    const levels = [level];
    for (const b of bars) {
      if (b.total != null) { b.from = 0; b.to = b.total; level = b.total; } else { b.from = level; level += b.d; b.to = level; }
      levels.push(level);
    }
    let lo = Math.min(...levels); let hi = Math.max(...levels);
    const span = hi - lo || Math.abs(hi) * 0.1 || 1;
    let y0 = Math.max(0, lo - span * 0.6);
    hi += span * 0.15;
    const tk = ticks(y0, hi, 4);
    y0 = Math.min(y0, tk[0]);
    const W = this.width(320);
    const L = 62; const R = 8; const T = 20;
    const slot = (W - L - R) / bars.length;
    // Category labels turn when they would run into each other (CJK glyphs are wider).
    const textW = (str) => [...str].reduce((a, c) => a + (c.charCodeAt(0) > 0x2e80 ? 11 : 5.8), 0);
    const turn = bars.some((b) => textW(this.t(b.key)) > slot - 2);
    const B = turn ? 24 + Math.min(70, Math.max(...bars.map((b) => textW(this.t(b.key))))) * 0.6 : 40;
    const H = 230 + B;
    const bw = Math.min(56, slot * 0.66);
    const y = scale(y0, tk.at(-1) > hi ? tk.at(-1) : hi, H - B, T);
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', part: 'chart',
      'aria-label': this.t('bridge_sum', { m: f.month(m), a: f.money(rev.mrr_prev), b: f.money(rev.mrr), c: f.money(mv.net_change, true) }) },
    yAxis(tk.filter((v) => v >= y0), y, L, W - R, (v) => f.short(v)));
    const rows = [];
    bars.forEach((b, i) => {
      const cx = L + slot * (i + 0.5);
      const x = cx - bw / 2;
      const top = y(Math.max(b.from, b.to)); const bot = y(Math.max(y0, Math.min(b.from, b.to)));
      const name = this.t(b.key);
      const value = b.total != null ? f.money(b.total) : f.money(b.d, true);
      const cls = b.total != null ? 'acc' : b.d < 0 ? 'neg' : 'pos';
      const label = b.total != null ? f.short(b.total, false, 2) : f.short(b.d, true);
      const g = s('g', { part: 'bar' });
      if (b.parts?.length) {
        let py = top;
        b.parts.forEach((p, j) => {
          const ph = (bot - top) * (p.a / -b.d);
          const r = s('rect', { x, y: py, width: bw, height: Math.max(ph, 1), class: `neg p${j}` }, s('title', { text: `${this.t(p.key)}: ${f.money(-p.a)}` }));
          act(r, `${this.t(p.key)}: ${f.money(-p.a)}, ${this.t('customers', { n: f.num(p.n) })}. ${this.t('drill_hint')}`, () => this.drill(m, p.key));
          g.append(r);
          py += ph;
        });
      } else {
        g.append(s('rect', { x, y: top, width: bw, height: Math.max(bot - top, 1), class: cls }, s('title', { text: `${name}: ${value}` })));
        if (b.drill) act(g, `${name}: ${value}${b.n != null ? `, ${this.t('customers', { n: f.num(b.n) })}` : ''}. ${this.t('drill_hint')}`, () => this.drill(...b.drill));
      }
      svg.append(g);
      const down = b.total == null && b.d < 0;
      svg.append(s('text', { x: cx, y: down ? bot + 12 : top - 5, 'text-anchor': 'middle', class: 'val', text: label, 'aria-hidden': 'true' }));
      svg.append(s('text', { x: cx, y: H - B + 16, 'text-anchor': turn ? 'end' : 'middle', class: 'cat', text: name, 'aria-hidden': 'true',
        transform: turn ? `rotate(-35 ${cx + 4} ${H - B + 12})` : null }));
      if (i < bars.length - 1) {
        const ly = y(b.to);
        svg.append(s('line', { x1: x + bw, x2: x + slot, y1: ly, y2: ly, class: 'conn', 'aria-hidden': 'true' }));
      }
      rows.push([name, value, b.n != null ? f.num(b.n) : '']);
      for (const p of b.parts ?? []) rows.push([this.t(p.key), f.money(-p.a), f.num(p.n)]);
    });
    if (y0 > 0) svg.append(s('text', { x: W - R, y: 8, 'text-anchor': 'end', class: 'note', text: `⌇ ${this.t('axis_break')}` }));
    const legend = parts.length > 1 ? h('ul', { class: 'legend', part: 'legend' },
      parts.map((p, j) => h('li', { class: `neg p${j}` }, h('i'), h('span', { class: 'lt', text: this.t(p.key) })))) : null;
    return [...this.head('bridge'), svg, legend,
      srTable(this.t('bridge'), [this.t('bridge'), this.t('mrr'), this.t('customers', { n: '' }).trim()], rows)];
  }
}
CsmBridge.prototype.css = `
.val{font-size:10.5px;font-variant-numeric:tabular-nums}
.cat{font-size:11px}
.conn{stroke:var(--csm-muted,#57606a);stroke-dasharray:2 2}
.note{fill:var(--csm-muted,#57606a);font-size:10px}
.p1{fill:var(--csm-negative-2,#82071e);color:var(--csm-negative-2,#82071e)}.p2{fill:var(--csm-negative-3,#bc4c00);color:var(--csm-negative-3,#bc4c00)}
.lt{color:var(--csm-fg,#1f2328)}
rect.neg{stroke:var(--csm-bg,#fff);stroke-width:.5}
`;

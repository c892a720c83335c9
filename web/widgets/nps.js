// SPDX-License-Identifier: MIT
// <csm-nps>: promoters, passives and detractors, the score with its 95 % interval, and the
// SaaS average. `period="overall"` shows the whole window instead of the month.
import { CsmElement, h, s, scale } from './base.js';

export class CsmNps extends CsmElement {
  static resize = true;
  static observedAttributes = [...CsmElement.observedAttributes, 'period'];
  get period() { return this._period ?? this.getAttribute('period') ?? 'month'; }
  set period(v) { this._period = v; this.update(); }
  render() {
    const { f } = this;
    const overall = this.period === 'overall';
    const src = overall ? (this.segment == null ? this.report.overall : null) : this.series()?.[this.month];
    const n = src?.nps?.every_answer;
    const avg = this.report.reference_bands?.nps?.saas_average;
    const toggle = h('div', { class: 'toggle', role: 'group', part: 'toggle', 'aria-label': this.t('period') },
      ['month', 'overall'].map((k) => h('button', { type: 'button', 'aria-pressed': String(k === this.period), text: this.t(k === 'month' ? 'this_month' : 'overall'),
        onclick: () => { this.period = k; } })));
    const head = this.head('nps', overall ? null : this.month, overall ? this.t('overall') : null);
    if (!n || !n.answers) return [...head, toggle, h('p', { class: 'empty', text: this.t('no_data') })];
    const parts = [['promoters', 'pos'], ['passives', 'mid'], ['detractors', 'neg']];
    const W = this.width(300); const H = 112;
    const L = 10; const R = 10;
    const bx = scale(0, n.answers, L, W - R);
    const sx = scale(-100, 100, L, W - R);
    const num = (v) => f.num(v, 1);
    const summary = this.t('nps_sum', { v: num(n.nps), lo: num(n.lower), hi: num(n.upper), n: f.num(n.answers), avg });
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, part: 'chart' }, s('title', { text: summary }));
    let acc = 0;
    for (const [k, cls] of parts) {
      const c = n[k];
      const w = bx(acc + c) - bx(acc);
      svg.append(s('rect', { x: bx(acc), y: 0, width: Math.max(0, w), height: 26, class: `${cls} seg` }));
      if (w > 38) svg.append(s('text', { x: bx(acc) + w / 2, y: 17, 'text-anchor': 'middle', class: `in ${cls}`, text: f.pct((c / n.answers) * 100, 0) }));
      acc += c;
    }
    // The -100..100 scale: SaaS average, the interval and the score.
    const ay = 76;
    svg.append(s('line', { x1: sx(-100), x2: sx(100), y1: ay, y2: ay, class: 'grid' }));
    for (const v of [-100, -50, 0, 50, 100]) {
      svg.append(s('line', { x1: sx(v), x2: sx(v), y1: ay - 3, y2: ay + 3, class: 'grid' }),
        s('text', { x: sx(v), y: ay + 16, 'text-anchor': v === -100 ? 'start' : v === 100 ? 'end' : 'middle', class: 'tick', text: f.num(v) }));
    }
    if (avg != null) {
      svg.append(s('line', { x1: sx(avg), x2: sx(avg), y1: ay - 16, y2: ay + 6, class: 'avg' }),
        s('text', { x: sx(avg) + 4, y: ay - 20, class: 'tick', 'text-anchor': avg > 60 ? 'end' : 'start', text: this.t('saas_avg', { v: f.num(avg) }) }));
    }
    if (n.lower != null && n.upper != null) svg.append(s('rect', { x: sx(n.lower), y: ay - 5, width: Math.max(1, sx(n.upper) - sx(n.lower)), height: 10, rx: 3, class: 'ci' }));
    if (n.nps != null) svg.append(s('circle', { cx: sx(n.nps), cy: ay, r: 5, class: 'acc dot' }));
    return [...head, toggle,
      h('p', { class: 'score', part: 'value' }, h('b', { text: num(n.nps) }), ' ',
        h('span', { class: 'muted', text: `${this.t('interval', { lo: num(n.lower), hi: num(n.upper) })} · ${this.t('answers', { n: f.num(n.answers) })}` })),
      svg,
      h('ul', { class: 'legend', part: 'legend' }, parts.map(([k, cls]) => h('li', { class: cls }, h('i'),
        h('span', { class: 'lt', text: `${this.t(k)} ${f.pct((n[k] / n.answers) * 100, 0)} (${f.num(n[k])})` }))))];
  }
}
CsmNps.prototype.css = `
.toggle{display:flex;gap:6px;margin:0 0 6px}
.score{margin:0 0 8px}.score b{font-size:26px;font-variant-numeric:tabular-nums;margin-right:4px}
.mid{fill:#afb8c1;color:#afb8c1}
.seg{stroke:var(--csm-bg,#fff);stroke-width:1}
text.in{fill:#fff;font-weight:600}
text.in.mid{fill:#1f2328}
.tick{fill:var(--csm-muted,#57606a);font-size:10.5px}
.avg{stroke:var(--csm-fg,#1f2328);stroke-width:1.5;stroke-dasharray:3 2}
.ci{fill:var(--csm-accent,#0969da);opacity:.3}
.dot{stroke:var(--csm-bg,#fff);stroke-width:1.5}
.lt{color:var(--csm-fg,#1f2328)}
`;

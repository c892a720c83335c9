// SPDX-License-Identifier: MIT
// <csm-survival>: the Kaplan-Meier curve with its 95 % band and median, and for all
// customers the fitted sBG model's projected survival beside it (dashed, past the data);
// `by-segment` draws one curve per segment.
import { CsmElement, h, s, scale, ticks, yAxis, srTable } from './base.js';

const COLORS = ['#0969da', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#57606a', '#9a6700', '#bf3989'];

export class CsmSurvival extends CsmElement {
  static resize = true;
  needsSeries = false;
  get bySegment() { return this.hasAttribute('by-segment'); }
  set bySegment(v) { this.toggleAttribute('by-segment', !!v); }
  render() {
    const { f } = this;
    const r = this.report;
    const seg = this.segment;
    const curves = this.bySegment && r.segment_survival
      ? Object.entries(r.segment_survival).map(([k, v], i) => ({ name: k || '""', sv: v, color: COLORS[i % COLORS.length] }))
      : [{ name: seg == null ? this.t('all') : seg || '""', sv: seg == null ? r.survival : r.segment_survival?.[seg], color: null }];
    const live = curves.filter((c) => c.sv?.table?.length);
    const head = this.head('survival', null);
    if (!live.length) return [...head, h('p', { class: 'empty', text: this.t('no_data') })];
    const W = this.width(360); const H = 250;
    const L = 44; const R = 12; const T = 10; const B = 34;
    const one = live.length === 1;
    const sbg = one && seg == null && Array.isArray(r.models?.sbg?.survival) ? r.models.sbg : null;
    const seen = Math.max(...live.map((c) => c.sv.table.at(-1).t), 1);
    // The projection runs a third past the observed tenure: enough to read, not a promise.
    const maxT = sbg ? Math.min(sbg.survival.length - 1, Math.max(seen, Math.ceil(seen * 4 / 3))) : seen;
    const tx = ticks(0, maxT, Math.max(2, Math.min(8, Math.floor((W - L - R) / 60))));
    const x = scale(0, maxT, L, W - R);
    const y = scale(0, 1, H - B, T);
    const main = live[0].sv;
    const summary = one ? this.t('surv_sum', { n: f.num(main.customers), v: main.median_months ?? '–' })
      : live.map((c) => `${c.name}: ${this.t('surv_sum', { n: f.num(c.sv.customers), v: c.sv.median_months ?? '–' })}`).join('; ');
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, part: 'chart' },
      s('title', { text: summary }),
      yAxis([0, 0.25, 0.5, 0.75, 1], y, L, W - R, (v) => f.pct(v * 100, 0)),
      s('g', { class: 'axis', 'aria-hidden': 'true' }, tx.filter((v) => v <= maxT).map((v) => s('text', { x: x(v), y: H - B + 14, 'text-anchor': 'middle', text: f.num(v) })),
        s('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', text: this.t('age') })));
    const step = (pts) => pts.map(([t, v], i) => (i ? `H${x(t).toFixed(1)}V${y(v).toFixed(1)}` : `M${x(t).toFixed(1)},${y(v).toFixed(1)}`)).join('');
    for (const c of live) {
      const tb = c.sv.table;
      const band = tb.filter((row) => row.lower != null && row.upper != null);
      if (band.length > 1) {
        const xs = band.map((row) => x(row.t).toFixed(1));
        const n = band.length - 1;
        let d = `M${xs[0]},${y(band[0].upper).toFixed(1)}`;
        for (let i = 1; i <= n; i++) d += `H${xs[i]}V${y(band[i].upper).toFixed(1)}`;
        d += `V${y(band[n].lower).toFixed(1)}`;
        for (let i = n; i >= 1; i--) d += `H${xs[i]}V${y(band[i - 1].lower).toFixed(1)}`;
        svg.append(s('path', { d: `${d}H${xs[0]}Z`, class: 'band', style: c.color ? `fill:${c.color};opacity:${one ? 0.18 : 0.07}` : null, 'aria-hidden': 'true' }));
      }
      svg.append(s('path', { d: step(tb.map((row) => [row.t, row.survival])), class: 'curve', style: c.color ? `stroke:${c.color}` : null, 'aria-hidden': 'true' }));
      const md = c.sv.median_months;
      if (md != null) {
        svg.append(s('path', { d: `M${L},${y(0.5)}H${x(md)}V${H - B}`, class: 'med', style: c.color ? `stroke:${c.color}` : null, 'aria-hidden': 'true' }));
        if (one && c.sv.median_months_lower != null && c.sv.median_months_upper != null) {
          svg.append(s('path', { d: `M${x(c.sv.median_months_lower)},${y(0.5) - 4}v8M${x(c.sv.median_months_lower)},${y(0.5)}H${x(c.sv.median_months_upper)}M${x(c.sv.median_months_upper)},${y(0.5) - 4}v8`, class: 'ci', 'aria-hidden': 'true' }));
        }
        svg.append(s('circle', { cx: x(md), cy: y(0.5), r: 3.5, class: 'dot', style: c.color ? `fill:${c.color}` : null, 'aria-hidden': 'true' }));
      }
    }
    const fitName = sbg ? this.t('sbg_fit', { a: f.num(sbg.alpha, 2), b: f.num(sbg.beta, 2) }) : '';
    if (sbg) {
      const pts = sbg.survival.slice(0, maxT + 1).map((v, t) => `${t ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('');
      svg.append(s('path', { d: pts, class: 'fit', 'aria-hidden': 'true' }));
    }
    const medText = (sv) => (sv.median_months == null ? this.t('no_median') : this.t('median', { v: f.num(sv.median_months) }) +
      (sv.median_months_lower != null && sv.median_months_upper != null ? ` (${f.num(sv.median_months_lower)}–${f.num(sv.median_months_upper)})` : ''));
    const legend = one
      ? h('ul', { class: 'legend', part: 'legend' }, h('li', { class: 'k' }, h('i', { class: 'ln' }), live[0].name), h('li', { class: 'k' }, h('i', { class: 'bd' }), this.t('band95')),
        sbg ? h('li', { class: 'k' }, h('i', { class: 'fit' }), fitName) : null, h('li', { text: medText(main) }))
      : h('ul', { class: 'legend', part: 'legend' }, live.map((c) => h('li', {}, h('i', { style: `background:${c.color}` }), h('span', { text: `${c.name} · ${medText(c.sv)}` }))));
    const rows = [];
    const fit = (t) => (sbg && t < sbg.survival.length ? [f.pct(sbg.survival[t] * 100, 1)] : sbg ? ['–'] : []);
    for (const c of live) for (const row of c.sv.table) rows.push([`${one ? '' : `${c.name} `}${row.t}`, f.pct(row.survival * 100, 1), row.lower == null ? '–' : f.pct(row.lower * 100, 1), row.upper == null ? '–' : f.pct(row.upper * 100, 1), f.num(row.at_risk), ...fit(row.t)]);
    for (let t = seen + 1; sbg && t <= maxT; t++) rows.push([String(t), '–', '–', '–', '–', ...fit(t)]);
    return [...head, svg, legend, srTable(summary, [this.t('age'), this.t('survival'), '95 % −', '95 % +', 'n', ...(sbg ? [fitName] : [])], rows)];
  }
}
CsmSurvival.prototype.css = `
.curve{fill:none;stroke:var(--csm-accent,#0969da);stroke-width:2}
.band{fill:var(--csm-accent,#0969da);opacity:.18}
.med{fill:none;stroke:var(--csm-accent,#0969da);stroke-dasharray:3 3;opacity:.8}
.fit{fill:none;stroke:var(--csm-fit,#bc4c00);stroke-width:2;stroke-dasharray:6 4}
.legend i.fit{height:0;width:14px;border-top:2px dashed var(--csm-fit,#bc4c00);background:none;vertical-align:3px}
.ci{fill:none;stroke:var(--csm-fg,#1f2328);stroke-width:1.5}
.dot{fill:var(--csm-accent,#0969da);stroke:var(--csm-bg,#fff);stroke-width:1.5}
.k{color:var(--csm-accent,#0969da)}
.legend i.ln{height:3px;width:14px;vertical-align:3px}
.legend i.bd{opacity:.25}
.legend li{color:var(--csm-fg,#1f2328)}
.legend .k i{color:var(--csm-accent,#0969da)}
`;

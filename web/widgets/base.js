// SPDX-License-Identifier: MIT
// Shared pieces of the widgets: DOM/SVG builders (text only, never HTML), formats,
// language lookup, axes, and the base element with report/month/segment properties.
import { t, baseLang } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
export const DASH = '–';

function build(node, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid != null && kid !== false) node.append(kid);
  }
  return node;
}
/** An HTML element; strings among kids become text nodes. */
export const h = (tag, attrs, ...kids) => build(document.createElement(tag), attrs, kids);
/** An SVG element. */
export const s = (tag, attrs, ...kids) => build(document.createElementNS(NS, tag), attrs, kids);

/** Makes a node a keyboard-reachable button. */
export function act(node, label, fn, tab = 0) {
  node.setAttribute('tabindex', tab);
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  node.addEventListener('click', fn);
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(); }
  });
  return node;
}

/** Formats in one language and the report's currency; null gives an en dash. */
export function formats(locale, meta) {
  const cache = new Map();
  const nf = (o) => {
    const key = JSON.stringify(o);
    if (!cache.has(key)) {
      try { cache.set(key, new Intl.NumberFormat(locale, o)); }
      catch { const { style, currency, ...rest } = o; cache.set(key, new Intl.NumberFormat(locale, rest)); }
    }
    return cache.get(key);
  };
  const cur = meta?.currency;
  const e = meta?.minor_unit_exponent ?? 2;
  const money = cur ? { style: 'currency', currency: cur } : {};
  const sign = (o, signed) => (signed ? { ...o, signDisplay: 'exceptZero' } : o);
  const ok = (v) => typeof v === 'number' && Number.isFinite(v);
  const dtf = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const dts = new Intl.DateTimeFormat(locale, { year: '2-digit', month: 'short', timeZone: 'UTC' });
  const date = (m) => { const [y, mo] = String(m).split('-').map(Number); return Date.UTC(y, mo - 1, 1); };
  return {
    money: (v, signed) => (ok(v) ? nf(sign({ ...money, minimumFractionDigits: e, maximumFractionDigits: e }, signed)).format(v) : DASH),
    /** Short money for axes and labels: $3.7M, ¥368万. */
    short: (v, signed, d = 1) => (ok(v) ? (Math.abs(v) < 1e4 ? nf(sign({ ...money, maximumFractionDigits: Math.abs(v) < 100 ? e : 0, minimumFractionDigits: 0 }, signed))
      : nf(sign({ ...money, notation: 'compact', maximumFractionDigits: d }, signed))).format(v) : DASH),
    num: (v, d = 0, signed) => (ok(v) ? nf(sign({ maximumFractionDigits: d, minimumFractionDigits: d }, signed)).format(v) : DASH),
    /** A rate of REPORT.md: 5.0 is 5 %. */
    pct: (v, d = 1, signed) => (ok(v) ? nf(sign({ style: 'percent', maximumFractionDigits: d, minimumFractionDigits: d }, signed)).format(v / 100) : DASH),
    month: (m) => (m ? dtf.format(date(m)) : DASH),
    monthShort: (m) => dts.format(date(m)),
  };
}

/** About five round ticks covering [lo, hi]. */
export function ticks(lo, hi, n = 5) {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  const step = (r >= 7.5 ? 10 : r >= 3.5 ? 5 : r >= 1.5 ? 2 : 1) * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step + 0);
  return out;
}

/** Linear scale from [d0, d1] to [r0, r1]. */
export const scale = (d0, d1, r0, r1) => (v) => r0 + ((v - d0) / ((d1 - d0) || 1)) * (r1 - r0);

/** Horizontal grid lines with labels at the left (or right) of the plot. */
export function yAxis(vals, y, x0, x1, label, right = false) {
  return s('g', { class: 'axis', 'aria-hidden': 'true' }, vals.map((v) => [
    right ? null : s('line', { x1: x0, x2: x1, y1: y(v), y2: y(v), class: v === 0 ? 'zero' : 'grid' }),
    s('text', { x: right ? x1 + 4 : x0 - 4, y: y(v) + 4, 'text-anchor': right ? 'start' : 'end', text: label(v) }),
  ]));
}

/** A visually hidden data table for screen readers. */
export function srTable(caption, head, rows) {
  return h('div', { class: 'sr' }, h('table', {}, h('caption', { text: caption }),
    h('tr', {}, head.map((c) => h('th', { scope: 'col', text: c }))),
    rows.map((r) => h('tr', {}, r.map((c, i) => h(i ? 'td' : 'th', i ? {} : { scope: 'row' }, String(c)))))));
}

export const CSS = `
:host{display:block;box-sizing:border-box;min-width:0;font:14px/1.4 var(--csm-font,system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP","Microsoft YaHei",sans-serif);
color:var(--csm-fg,#1f2328);background:var(--csm-bg,#fff);border:1px solid var(--csm-grid,#d0d7de);border-radius:8px;padding:12px 14px}
:host([hidden]){display:none}
*{box-sizing:border-box}
h3{font-size:15px;margin:0 0 2px;font-weight:600}
.sub{color:var(--csm-muted,#57606a);font-size:12px;margin:0 0 8px}
.muted{color:var(--csm-muted,#57606a)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
svg{display:block;width:100%;height:auto;overflow:visible;font-size:11px;stroke:none}
svg text{fill:var(--csm-fg,#1f2328)}
.axis text{fill:var(--csm-muted,#57606a)}
.grid{stroke:var(--csm-grid,#d0d7de);stroke-width:1}
.zero{stroke:var(--csm-muted,#57606a);stroke-width:1}
.pos{fill:var(--csm-positive,#1a7f37);color:var(--csm-positive,#1a7f37)}
.neg{fill:var(--csm-negative,#cf222e);color:var(--csm-negative,#cf222e)}
.acc{fill:var(--csm-accent,#0969da)}
[tabindex]{cursor:pointer;outline:none}
[tabindex]:focus-visible{outline:2px solid var(--csm-accent,#0969da);outline-offset:2px}
rect[tabindex]:focus-visible,[tabindex]:focus-visible rect{stroke:var(--csm-fg,#1f2328);stroke-width:2.5}
[tabindex]:hover rect,rect[tabindex]:hover{opacity:.8}
button{font:inherit;font-size:12px;color:inherit;background:var(--csm-bg,#fff);border:1px solid var(--csm-grid,#d0d7de);border-radius:6px;padding:2px 10px;cursor:pointer}
button[aria-pressed=true]{background:var(--csm-accent,#0969da);border-color:var(--csm-accent,#0969da);color:var(--csm-bg,#fff)}
button:focus-visible,select:focus-visible{outline:2px solid var(--csm-accent,#0969da);outline-offset:2px}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12px;margin:6px 0 0;padding:0;list-style:none}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px;background:currentColor}
.empty{color:var(--csm-muted,#57606a);font-size:13px;padding:12px 0}
`;

/** The language of an element: its lang, an ancestor's (across shadow roots), or the browser's. */
export function langOf(node) {
  for (let n = node; n; n = n.parentNode || n.host) {
    if (n.nodeType === 1 && n.getAttribute('lang')) return n.getAttribute('lang');
  }
  return globalThis.navigator?.language || 'en';
}

export class CsmElement extends HTMLElement {
  static observedAttributes = ['lang', 'month', 'segment', 'metric', 'by-segment'];
  /** Charts redraw at their pixel width so text keeps its size. */
  static resize = false;
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this._w = 0;
  }
  get report() { return this._report; }
  set report(v) { this._report = v; this.update(); }
  get month() {
    const m = this._month ?? this.getAttribute('month');
    return m && this.report?.months?.[m] ? m : this.monthKeys().at(-1);
  }
  set month(v) { this._month = v || undefined; this.update(); }
  /** A value of report.segments; null for the totals. */
  get segment() { return this._segment !== undefined ? this._segment : this.getAttribute('segment'); }
  set segment(v) { this._segment = v ?? null; this.update(); }
  attributeChangedCallback() { this.update(); }
  connectedCallback() {
    if (this.constructor.resize && !this._ro && typeof ResizeObserver !== 'undefined') {
      this._ro = new ResizeObserver(([entry]) => {
        const w = Math.round(entry.contentRect.width);
        if (Math.abs(w - this._w) > 8) requestAnimationFrame(() => { this._w = w; this.update(); });
      });
      this._ro.observe(this);
    }
    this.update();
  }
  disconnectedCallback() { this._ro?.disconnect(); this._ro = null; }
  monthKeys() { return Object.keys(this.report?.months ?? {}); }
  /** The months of the totals or of the segment; undefined for an unknown segment. */
  series() {
    const seg = this.segment;
    return seg == null ? this.report?.months : this.report?.segments?.[seg];
  }
  prevMonth(m) {
    const [y, mo] = m.split('-').map(Number);
    const d = new Date(Date.UTC(y, mo - 2, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  t(key, params) { return t(this.lang_, key, params); }
  width(min = 320) { return Math.max(min, this._w || 560); }
  drill(month, movement) {
    this.dispatchEvent(new CustomEvent('csm-drill', {
      bubbles: true, composed: true, detail: { month, movement, segment: this.segment ?? null },
    }));
  }
  update() {
    if (this._queued) return;
    this._queued = true;
    queueMicrotask(() => {
      this._queued = false;
      if (this.isConnected) this.paint();
    });
  }
  paint() {
    const tag = langOf(this);
    this.lang_ = baseLang(tag);
    const locale = tag.toLowerCase().startsWith(this.lang_) ? tag : this.lang_;
    this.f = formats(locale, this.report?.meta);
    const body = [];
    if (!this.report && !this.standalone) body.push(h('p', { class: 'empty', text: this.t('no_report') }));
    else if (this.needsSeries !== false && this.segment != null && !this.series()) {
      body.push(h('p', { class: 'empty', text: this.t('no_segment', { v: this.segment }) }));
    } else body.push(this.render());
    this.shadowRoot.replaceChildren(h('style', { text: CSS + (this.css ?? '') }), ...body.flat(Infinity).filter((n) => n != null && n !== false));
    this.onPainted?.();
  }
  /** Title and subtitle: month and segment, as text. */
  head(key, month = this.month, extra) {
    const seg = this.segment;
    const sub = [month ? this.f.month(month) : null, seg != null ? this.t('segment', { v: seg || '""' }) : null, extra]
      .filter(Boolean).join(' · ');
    return [h('h3', { part: 'title', text: this.t(key) }), h('p', { class: 'sub', part: 'subtitle', text: sub })];
  }
}

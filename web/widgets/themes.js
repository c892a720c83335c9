// SPDX-License-Identifier: MIT
// <csm-themes>: feedback terms by group; a term lists the comments that contain it.
// Comments are untrusted: they are only ever text nodes.
import { CsmElement, h } from './base.js';

export class CsmThemes extends CsmElement {
  needsSeries = false;
  standalone = true;
  get themes() { return this._themes ?? this.report?.themes; }
  set themes(v) { this._themes = v; this._sel = null; this.update(); }
  /** "NPS · detractors" in the page's language for the engine's {family, name}; else the name as given. */
  groupLabel(g) {
    const known = (k) => this.t(k) !== k;
    if (g.family && known(`fb_${g.family}`) && known(`fb_${g.name}`)) return `${this.t(`fb_${g.family}`)} · ${this.t(`fb_${g.name}`)}`;
    return String(g.name ?? '');
  }

  render() {
    const data = this.themes;
    const head = [h('h3', { part: 'title', text: this.t('themes') })];
    const groups = Array.isArray(data?.groups) ? data.groups.filter((g) => g?.terms?.length) : [];
    if (!groups.length) return [...head, h('p', { class: 'empty', text: this.t('no_themes') })];
    const sel = this._sel;
    const out = [...head];
    const maxW = Math.max(...groups.flatMap((g) => g.terms.map((t) => Math.abs(t.weight ?? t.count ?? 1))), 1e-9);
    groups.forEach((g, gi) => {
      const label = this.groupLabel(g);
      out.push(h('h4', { text: label }));
      out.push(h('div', { class: 'terms', role: 'group', 'aria-label': label }, g.terms.map((term, ti) => {
        const w = Math.abs(term.weight ?? term.count ?? 1) / maxW;
        const tone = term.score > 0 ? 'pos' : term.score < 0 ? 'neg' : '';
        const on = sel?.[0] === gi && sel?.[1] === ti;
        const b = h('button', { type: 'button', part: 'term', class: tone, 'aria-pressed': String(on),
          onclick: () => { this._sel = on ? null : [gi, ti]; this.update(); } },
        String(term.term ?? ''), h('small', { text: ` ${this.f.num(term.count ?? (term.ids?.length ?? 0))}` }));
        b.style.fontSize = `${(12 + 6 * w).toFixed(1)}px`;
        return b;
      })));
    });
    if (sel) {
      const term = groups[sel[0]]?.terms?.[sel[1]];
      const comments = data.comments ?? {};
      const texts = (term?.ids ?? []).map((id) => comments[id]).filter((c) => typeof c === 'string').slice(0, 100);
      const word = String(term?.term ?? '');
      out.push(h('h4', { text: this.t('comments_for', { term: word }) }));
      out.push(texts.length ? h('ul', { class: 'comments', part: 'comments', 'aria-live': 'polite' }, texts.map((c) => h('li', {}, mark(c, word))))
        : h('p', { class: 'empty', text: this.t('no_comments') }));
    }
    return out;
  }
}

/** The text with each (case-insensitive) occurrence of word in a <mark>, as text nodes. */
function mark(text, word) {
  if (!word) return [text];
  const out = [];
  const low = text.toLowerCase(); const w = word.toLowerCase();
  let i = 0;
  for (let j = low.indexOf(w); j >= 0; j = low.indexOf(w, i)) {
    out.push(text.slice(i, j), h('mark', { text: text.slice(j, j + w.length) }));
    i = j + w.length;
  }
  out.push(text.slice(i));
  return out;
}

CsmThemes.prototype.css = `
h4{font-size:12px;margin:10px 0 4px;color:var(--csm-muted,#57606a);font-weight:600}
.terms{display:flex;flex-wrap:wrap;gap:4px 6px;align-items:baseline}
.terms button{border-radius:999px;padding:1px 10px;line-height:1.5}
.terms button.pos{border-color:var(--csm-positive,#1a7f37)}
.terms button.neg{border-color:var(--csm-negative,#cf222e)}
.terms button[aria-pressed=true]{color:var(--csm-bg,#fff)}
small{font-size:11px;opacity:.8}
.comments{margin:0;padding:0 0 0 18px;font-size:13px;max-height:220px;overflow:auto}
.comments li{margin:0 0 4px;overflow-wrap:anywhere}
mark{background:color-mix(in srgb,var(--csm-accent,#0969da) 22%,var(--csm-bg,#fff));color:inherit;border-radius:2px}
`;

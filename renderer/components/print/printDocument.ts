import type { DocxPrintHints, FooterHint } from './docxHints';

/**
 * The print document: the pages docx-preview rendered, on their own in a page of their own, with one `@page` rule
 * per page size (a named page per size, so a landscape 花名册 prints landscape) and the docx's margins as page
 * margins, so a section longer than a sheet goes on to the next sheet with the same margins. Nothing of the app is
 * in it: no fixed or scrolling boxes, no app styles, no scripts, images as data URLs. Printing this document (from a
 * hidden frame) and `page.pdf()` of the same HTML give the same sheets.
 */

/** CSS px per pt. */
export const PX_PER_PT = 96 / 72;

export interface PageBox {
  /** The named page (`@page <name>`). */
  name: string;
  widthPt: number;
  heightPt: number;
  margins: { top: number; right: number; bottom: number; left: number };
}

export interface PrintSource {
  /** The rendered pages' HTML, `<section class="docx">` each, and docx-preview's styles. */
  sections: { html: string; box: Omit<PageBox, 'name'> }[];
  styles: string;
}

/** How the print document lays out one docx-preview section. */
export interface SectionPrint {
  /** Scale applied to fit a page that is one sheet by design (an explicit page break follows it) but runs a little over. */
  zoom?: number;
}

function toPt(value: string): number {
  const n = parseFloat(value);
  if (!Number.isFinite(n)) return 0;
  if (value.endsWith('px')) return n / PX_PER_PT;
  if (value.endsWith('mm')) return (n * 72) / 25.4;
  if (value.endsWith('cm')) return (n * 72) / 2.54;
  if (value.endsWith('in')) return n * 72;
  return n;
}

/** A4 portrait in pt: what a section with no page size prints on. */
const A4 = { widthPt: 595.3, heightPt: 841.9 };

/** The page box of a docx-preview section, from the inline style docx-preview writes from `w:pgSz` and `w:pgMar`. */
export function sectionBox(section: HTMLElement): Omit<PageBox, 'name'> {
  const s = section.style;
  return {
    widthPt: toPt(s.width) || A4.widthPt,
    heightPt: toPt(s.minHeight) || A4.heightPt,
    margins: { top: toPt(s.paddingTop), right: toPt(s.paddingRight), bottom: toPt(s.paddingBottom), left: toPt(s.paddingLeft) },
  };
}

/**
 * Copies the rendered pages out of the preview, with the docx's own pagination rules applied where the HTML has
 * none: header rows into `<thead>` (repeated on each sheet), `cantSplit` rows and `keepNext` paragraphs marked for the
 * print CSS. Headers and footers docx-preview drew inside the page are left out (page-number footers print from the
 * `@page` margin boxes instead; docx-preview cannot fill in page numbers).
 */
export function collectPrintSource(container: HTMLElement, hints: DocxPrintHints): PrintSource {
  const styles = Array.from(container.querySelectorAll('style'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  const originals = Array.from(container.querySelectorAll<HTMLElement>('section.docx'));
  const clones = originals.map((s) => s.cloneNode(true) as HTMLElement);
  for (const c of clones) {
    c.querySelectorAll(':scope > header, :scope > footer, .print-page-guide').forEach((e) => e.remove());
    c.removeAttribute('style');
  }

  const tables = clones.flatMap((c) => Array.from(c.querySelectorAll<HTMLTableElement>('article table')));
  if (tables.length === hints.tables.length) {
    tables.forEach((table, i) => {
      const hint = hints.tables[i];
      const rows = Array.from(table.rows);
      if (rows.length !== hint.cantSplit.length) return;
      rows.forEach((row, r) => hint.cantSplit[r] && row.setAttribute('data-cant-split', ''));
      if (hint.headerRows > 0 && hint.headerRows < rows.length) {
        const head = table.ownerDocument.createElement('thead');
        for (const row of rows.slice(0, hint.headerRows)) head.appendChild(row);
        const after = Array.from(table.children).find((c) => c.tagName !== 'COLGROUP' && c.tagName !== 'CAPTION') ?? null;
        table.insertBefore(head, after);
      }
    });
  }
  const paragraphs = clones.flatMap((c) => Array.from(c.querySelectorAll('article p')));
  if (paragraphs.length === hints.keepNext.length) paragraphs.forEach((p, i) => hints.keepNext[i] && p.setAttribute('data-keep-next', ''));

  return { styles, sections: originals.map((o, i) => ({ html: clones[i].outerHTML, box: sectionBox(o) })) };
}

const n = (v: number) => `${Math.round(v * 100) / 100}pt`;

function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;
}

function footerRule(f: FooterHint, distancePt: number | undefined): string {
  const content = f.parts.map((p) => ('text' in p ? cssString(p.text) : `counter(${p.field})`)).join(' ');
  const box = f.align === 'right' ? '@bottom-right' : f.align === 'center' ? '@bottom-center' : '@bottom-left';
  const fonts = [...f.fontFamilies.map((x) => cssString(x)), 'serif'].join(', ');
  return `${box} { content: ${content}; font-family: ${fonts}; font-size: ${n(f.fontSizePt)}; color: #000; text-align: ${f.align}; vertical-align: bottom; padding-bottom: ${n(Math.max(0, distancePt ?? 0))}; padding-left: ${n(f.indentLeftPt)}; padding-right: ${n(f.indentRightPt)}; white-space: pre; }`;
}

/** The full HTML of the print document. `layout` (one per section) comes from measuring a first build. */
export function buildPrintHtml(source: PrintSource, hints: DocxPrintHints, title: string, layout: SectionPrint[] = []): string {
  const boxes: PageBox[] = [];
  const names = source.sections.map(({ box }) => {
    const key = JSON.stringify(box);
    let found = boxes.find((b) => JSON.stringify({ widthPt: b.widthPt, heightPt: b.heightPt, margins: b.margins }) === key);
    if (!found) boxes.push((found = { name: `sheet${boxes.length + 1}`, ...box }));
    return found.name;
  });
  const pageRule = (b: PageBox, name = '') =>
    `@page ${name}{ size: ${n(b.widthPt)} ${n(b.heightPt)}; margin: ${n(b.margins.top)} ${n(b.margins.right)} ${n(b.margins.bottom)} ${n(b.margins.left)}; }`;
  const footers: string[] = [];
  if (hints.footers.even && hints.footers.default) {
    // Odd pages are right-hand pages (the first sheet is a right page), as in Word.
    footers.push(`@page :right { ${footerRule(hints.footers.default, hints.footerDistancePt)} }`);
    footers.push(`@page :left { ${footerRule(hints.footers.even, hints.footerDistancePt)} }`);
  } else if (hints.footers.default) footers.push(`@page { ${footerRule(hints.footers.default, hints.footerDistancePt)} }`);

  const css = `
${boxes.length ? pageRule(boxes[0]) : ''}
${boxes.map((b) => pageRule(b, `${b.name} `)).join('\n')}
${footers.join('\n')}
html, body { margin: 0; padding: 0; background: #fff; }
body { color: #000; line-height: normal; font-size: 16px; font-family: serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.docx-wrapper { display: block !important; padding: 0 !important; margin: 0 !important; background: none !important; }
section.docx { display: block !important; box-shadow: none !important; margin: 0 !important; padding: 0 !important; min-height: 0 !important; overflow: visible !important; background: none !important; }
section.docx + section.docx { break-before: page; }
section.docx > article { margin: 0 !important; }
${boxes.map((b) => `section.docx[data-sheet="${b.name}"] { page: ${b.name}; width: ${n(b.widthPt - b.margins.left - b.margins.right)}; }`).join('\n')}
tr[data-cant-split] { break-inside: avoid; }
p[data-keep-next] { break-after: avoid; }
thead { display: table-header-group; }
img, svg { break-inside: avoid; }
`;
  const sections = source.sections.map((s, i) => {
    const zoom = layout[i]?.zoom;
    const attrs = ` data-sheet="${names[i]}"${zoom ? ` style="zoom: ${zoom}; margin: 0 auto !important;"` : ''}`;
    return s.html.replace(/^<section\b/, `<section${attrs}`);
  });
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${source.styles}</style>
<style>${css}</style>
</head><body><div class="docx-wrapper">${sections.join('\n')}</div></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Where the sheets of one section start: offsets (px, from the top of the section's content) of each sheet's first line. */
export interface SectionSheets {
  starts: number[];
  /** Height of the section's content, px. */
  height: number;
  /** Height of a sheet's text block, px. */
  sheetHeight: number;
}

interface Unit {
  top: number;
  bottom: number;
  /** Line boxes of a paragraph that may break between lines; absent for a block kept whole. */
  lines?: { top: number; bottom: number }[];
  keepNext: boolean;
  /** Height of the header rows repeated on a sheet that starts inside this unit's table. */
  repeat: number;
  /** A row that may split anywhere (a table row without `cantSplit`). */
  splitAnywhere?: boolean;
}

function lineBoxes(el: Element, origin: number): { top: number; bottom: number }[] {
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  const lines: { top: number; bottom: number }[] = [];
  for (const r of Array.from(range.getClientRects())) {
    if (r.height === 0) continue;
    const top = r.top - origin;
    const bottom = r.bottom - origin;
    const same = lines.find((l) => Math.abs(l.top - top) < 2 || (top < l.bottom - 1 && bottom > l.top + 1));
    if (same) {
      same.top = Math.min(same.top, top);
      same.bottom = Math.max(same.bottom, bottom);
    } else lines.push({ top, bottom });
  }
  return lines.sort((a, b) => a.top - b.top);
}

function unitsOf(section: HTMLElement, origin: number): Unit[] {
  const units: Unit[] = [];
  for (const article of Array.from(section.children).filter((c) => c.tagName === 'ARTICLE')) {
    for (const el of Array.from(article.children) as HTMLElement[]) {
      const rect = el.getBoundingClientRect();
      if (el.tagName === 'TABLE') {
        const table = el as HTMLTableElement;
        const head = table.tHead;
        const repeat = head ? head.getBoundingClientRect().height : 0;
        const bodyRows = Array.from(table.rows).filter((r) => r.parentElement !== head);
        if (head && head.rows.length) {
          const hr = head.getBoundingClientRect();
          // The header goes with the first body row.
          units.push({ top: hr.top - origin, bottom: hr.bottom - origin, keepNext: true, repeat: 0 });
        }
        for (const row of bodyRows) {
          const rr = row.getBoundingClientRect();
          units.push({ top: rr.top - origin, bottom: rr.bottom - origin, keepNext: false, repeat, splitAnywhere: !row.hasAttribute('data-cant-split') });
        }
        if (!bodyRows.length && !head) units.push({ top: rect.top - origin, bottom: rect.bottom - origin, keepNext: false, repeat: 0 });
        continue;
      }
      const whole = !!el.querySelector('img, svg, canvas, table');
      const lines = whole ? undefined : lineBoxes(el, origin);
      units.push({ top: rect.top - origin, bottom: rect.bottom - origin, lines: lines && lines.length > 1 ? lines : undefined, keepNext: el.hasAttribute('data-keep-next'), repeat: 0 });
    }
  }
  return units;
}

/**
 * Where the browser will start each sheet of a section: the same rules the print CSS sets (rows kept whole, header
 * rows repeated, headings kept with what follows, at least two lines of a paragraph at the foot and the head of a
 * sheet), applied to the laid-out print document. Used for the page count and the page guides of the preview.
 */
export function sheetsOf(section: HTMLElement, box: Omit<PageBox, 'name'>): SectionSheets {
  const origin = section.getBoundingClientRect().top;
  const sheetHeight = (box.heightPt - box.margins.top - box.margins.bottom) * PX_PER_PT;
  const height = section.getBoundingClientRect().height;
  const units = unitsOf(section, origin);
  const starts = [0];
  let pageTop = 0;
  let shift = 0;
  const EPS = 0.5;
  const limit = () => pageTop + sheetHeight - shift;
  const newSheet = (top: number, repeat: number) => {
    if (top <= pageTop + EPS) return false;
    starts.push(top);
    pageTop = top;
    shift = repeat;
    return true;
  };
  for (let i = 0; i < units.length && starts.length < 2000; i++) {
    const u = units[i];
    const next = units[i + 1];
    const nextLead = next ? (next.lines ? next.lines[Math.min(1, next.lines.length - 1)].bottom : next.bottom) : u.bottom;
    const need = u.keepNext && next ? Math.max(u.bottom, nextLead) : u.bottom;
    if (need <= limit() + EPS) continue;
    if (u.lines && u.bottom > limit() + EPS) {
      // Break between lines: two lines at least at the foot (orphans) and at the head (widows).
      while (u.bottom > limit() + EPS) {
        const fit = u.lines.filter((l) => l.top >= pageTop - EPS && l.bottom <= limit() + EPS).length;
        const before = u.lines.filter((l) => l.top < pageTop - EPS).length;
        const remaining = u.lines.length - before;
        let k = fit;
        if (remaining - k < 2) k = remaining - 2;
        if (k < 2) {
          if (!newSheet(u.top, 0)) {
            // Already at the head of a sheet and still too long: the browser breaks where it must.
            if (!newSheet(u.lines[before + Math.max(1, fit)]?.top ?? limit(), 0)) break;
          }
          continue;
        }
        if (!newSheet(u.lines[before + k].top, 0)) break;
      }
      continue;
    }
    if (u.splitAnywhere && u.top < limit() - EPS) {
      // A row that may break: the rest goes on the next sheet.
      while (u.bottom > limit() + EPS) if (!newSheet(limit(), u.repeat)) break;
      continue;
    }
    // Kept whole (with the next one when keepNext): starts the next sheet, then breaks only if taller than a sheet.
    if (!newSheet(u.top, u.repeat)) {
      /* already at the head of a sheet */
    }
    while (u.bottom > limit() + EPS) if (!newSheet(limit(), u.repeat)) break;
  }
  return { starts, height, sheetHeight };
}

import JSZip from 'jszip';

/**
 * What a .docx says about pagination that docx-preview does not carry into its HTML: header rows repeated on every
 * page (`w:tblHeader`), rows that must not break across pages (`w:cantSplit`), paragraphs kept with the next one
 * (`w:keepNext`), and the page-number footers (`PAGE`, `NUMPAGES` fields). The print document applies them with CSS
 * fragmentation rules and `@page` margin boxes, so the browser paginates the way Word does as far as it can.
 */
export interface DocxPrintHints {
  /** Every `w:tbl` of the body in document order (nested ones too, in the order they open). */
  tables: TableHint[];
  /** Every `w:p` of the body in document order: whether it is kept with the next paragraph. */
  keepNext: boolean[];
  /** The page-number footers of the body's last section; `even` only when the document uses odd/even footers. */
  footers: { default?: FooterHint; even?: FooterHint };
  /** Distance from the paper's bottom edge to the footer, pt. */
  footerDistancePt?: number;
}

export interface TableHint {
  /** Leading rows marked as header rows: printed again at the top of each page the table runs onto. */
  headerRows: number;
  /** Per row (`w:tr` directly in this table): the row is kept whole on one page. */
  cantSplit: boolean[];
}

export type FooterPart = { text: string } | { field: 'page' | 'pages' };

export interface FooterHint {
  align: 'left' | 'center' | 'right';
  indentLeftPt: number;
  indentRightPt: number;
  fontSizePt: number;
  fontFamilies: string[];
  parts: FooterPart[];
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const EMPTY: DocxPrintHints = { tables: [], keepNext: [], footers: {} };

function parse(xml: string | undefined): Document | null {
  if (!xml) return null;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return doc.getElementsByTagName('parsererror').length ? null : doc;
}

function child(el: Element | null | undefined, name: string): Element | null {
  if (!el) return null;
  for (const c of Array.from(el.children)) if (c.namespaceURI === W && c.localName === name) return c;
  return null;
}

function children(el: Element, name: string): Element[] {
  return Array.from(el.children).filter((c) => c.namespaceURI === W && c.localName === name);
}

function wAttr(el: Element | null, name: string): string | null {
  return el ? el.getAttributeNS(W, name) ?? el.getAttribute(`w:${name}`) : null;
}

/** An on/off property: present and not `false`/`0`/`off`. */
function isOn(el: Element | null): boolean {
  if (!el) return false;
  const v = wAttr(el, 'val');
  return v === null || !['false', '0', 'off'].includes(v);
}

function twipsToPt(v: string | null): number {
  const n = Number(v);
  return Number.isFinite(n) ? n / 20 : 0;
}

/** Paragraph styles that keep with the next paragraph, following `basedOn`. */
function keepNextStyles(styles: Document | null): Set<string> {
  const result = new Set<string>();
  if (!styles) return result;
  const byId = new Map<string, Element>();
  for (const s of Array.from(styles.getElementsByTagNameNS(W, 'style'))) {
    const id = wAttr(s, 'styleId');
    if (id) byId.set(id, s);
  }
  const resolve = (id: string, depth = 0): boolean => {
    const s = byId.get(id);
    if (!s || depth > 10) return false;
    const own = child(child(s, 'pPr'), 'keepNext');
    if (own) return isOn(own);
    const base = wAttr(child(s, 'basedOn'), 'val');
    return base ? resolve(base, depth + 1) : false;
  };
  for (const id of byId.keys()) if (resolve(id)) result.add(id);
  return result;
}

function footerHint(ftr: Document | null): FooterHint | undefined {
  const p = ftr?.getElementsByTagNameNS(W, 'p')[0];
  if (!p) return undefined;
  const pPr = child(p, 'pPr');
  const jc = wAttr(child(pPr, 'jc'), 'val');
  const ind = child(pPr, 'ind');
  const parts: FooterPart[] = [];
  let fontSizePt = 10.5;
  let fontFamilies: string[] = [];
  // Complex fields: the instruction sits between `begin` and `separate`, the stale result between `separate` and `end`.
  let state: 'text' | 'instruction' | 'result' = 'text';
  let instruction = '';
  const field = (instr: string) => {
    const name = instr.trim().split(/\s+/)[0]?.toUpperCase();
    if (name === 'PAGE') parts.push({ field: 'page' });
    else if (name === 'NUMPAGES' || name === 'SECTIONPAGES') parts.push({ field: 'pages' });
  };
  const runs = Array.from(p.getElementsByTagNameNS(W, '*')).filter((e) => e.localName === 'r' || e.localName === 'fldSimple');
  for (const r of runs) {
    if (r.localName === 'fldSimple') {
      field(wAttr(r, 'instr') ?? '');
      continue;
    }
    if (r.parentElement?.localName === 'fldSimple') continue;
    const rPr = child(r, 'rPr');
    const sz = Number(wAttr(child(rPr, 'sz'), 'val'));
    if (sz) fontSizePt = sz / 2;
    const fonts = child(rPr, 'rFonts');
    if (fonts) fontFamilies = [wAttr(fonts, 'ascii'), wAttr(fonts, 'eastAsia')].filter((f): f is string => !!f);
    for (const c of Array.from(r.children)) {
      if (c.localName === 'fldChar') {
        const type = wAttr(c, 'fldCharType');
        if (type === 'begin') (state = 'instruction'), (instruction = '');
        else if (type === 'separate') (state = 'result'), field(instruction);
        else if (type === 'end') {
          if (state === 'instruction') field(instruction);
          state = 'text';
        }
      } else if (c.localName === 'instrText' && state === 'instruction') instruction += c.textContent ?? '';
      else if (c.localName === 't' && state === 'text') parts.push({ text: c.textContent ?? '' });
      else if (c.localName === 'tab' && state === 'text') parts.push({ text: ' ' });
    }
  }
  if (!parts.length) return undefined;
  return {
    align: jc === 'right' || jc === 'end' ? 'right' : jc === 'center' ? 'center' : 'left',
    indentLeftPt: twipsToPt(wAttr(ind, 'left') ?? wAttr(ind, 'start')),
    indentRightPt: twipsToPt(wAttr(ind, 'right') ?? wAttr(ind, 'end')),
    fontSizePt,
    fontFamilies,
    parts,
  };
}

/** Reads the hints; a file it cannot read gives no hints (the pages then print as docx-preview draws them). */
export async function readDocxPrintHints(bytes: Uint8Array): Promise<DocxPrintHints> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const text = (name: string) => zip.file(name)?.async('string');
    const doc = parse(await text('word/document.xml'));
    const body = doc?.getElementsByTagNameNS(W, 'body')[0];
    if (!doc || !body) return EMPTY;
    const keepStyles = keepNextStyles(parse(await text('word/styles.xml')));

    const tables: TableHint[] = Array.from(body.getElementsByTagNameNS(W, 'tbl')).map((tbl) => {
      const rows = children(tbl, 'tr');
      const flags = rows.map((tr) => child(tr, 'trPr'));
      let headerRows = 0;
      while (headerRows < rows.length && isOn(child(flags[headerRows], 'tblHeader'))) headerRows++;
      return { headerRows, cantSplit: flags.map((f) => isOn(child(f, 'cantSplit'))) };
    });
    const keepNext = Array.from(body.getElementsByTagNameNS(W, 'p')).map((p) => {
      const pPr = child(p, 'pPr');
      const own = child(pPr, 'keepNext');
      if (own) return isOn(own);
      const style = wAttr(child(pPr, 'pStyle'), 'val');
      return !!style && keepStyles.has(style);
    });

    // Footers of the body's own (last) section.
    const sectPr = child(body, 'sectPr');
    const footers: DocxPrintHints['footers'] = {};
    let footerDistancePt: number | undefined;
    if (sectPr) {
      const footer = wAttr(child(sectPr, 'pgMar'), 'footer');
      if (footer !== null) footerDistancePt = twipsToPt(footer);
      const rels = parse(await text('word/_rels/document.xml.rels'));
      const target = (id: string | null) => {
        const rel = rels && id ? Array.from(rels.getElementsByTagName('Relationship')).find((r) => r.getAttribute('Id') === id) : undefined;
        const t = rel?.getAttribute('Target');
        return t ? `word/${t.replace(/^\/?word\//, '').replace(/^\//, '')}` : undefined;
      };
      const settings = parse(await text('word/settings.xml'));
      const evenAndOdd = !!settings && isOn(settings.getElementsByTagNameNS(W, 'evenAndOddHeaders')[0] ?? null);
      for (const ref of children(sectPr, 'footerReference')) {
        const type = wAttr(ref, 'type') ?? 'default';
        if (type !== 'default' && !(type === 'even' && evenAndOdd)) continue;
        const file = target(ref.getAttributeNS(R, 'id') ?? ref.getAttribute('r:id'));
        const hint = footerHint(parse(file ? await text(file) : undefined));
        if (hint) footers[type as 'default' | 'even'] = hint;
      }
    }
    return { tables, keepNext, footers, footerDistancePt };
  } catch {
    return EMPTY;
  }
}

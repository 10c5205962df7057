import zlib from 'node:zlib';
import JSZip from 'jszip';
import { Media, Packer, Paragraph, StyleForParagraph, TextRun, type File, type FileChild, type Footer, type IContext, type IXmlableObject } from 'docx';
import { draftHeader } from './draftMark';
import { a4Page, fontTableXml, houseDocument, type PageSetup, type StyleBook } from './style';
import { xmlSafeDocx, xmlSafeText } from './xmlSafe';

/**
 * Packs a form into a .docx. Every element's XML still comes from the docx package (each Paragraph, Table and
 * ImageRun writes itself with its public `prepForXml`), but the parts that are the same in every form — theme,
 * numbering, settings, font table, content types, the default styles — are made once per process by docx's own
 * Packer and reused, and the zip is written with Node's zlib. That takes docx's fixed cost per document (about
 * as much as a whole docxtemplater fill) out of every form: batches of hundreds stay fast.
 *
 * `packDocxPlain` packs the same form the ordinary way (Packer.toBuffer); a test checks both write the same parts.
 */

export interface FormPackage {
  /** Shown as the document's title (文件属性). */
  title: string;
  page?: PageSetup;
  /** The named styles the body's paragraphs use. */
  book: StyleBook;
  body: FileChild[];
  /** A footer on every page (page numbers). Footers are separate parts: such forms take the plain path. */
  footer?: Footer;
  /** Different footers on odd (`default`) and even pages, e.g. GB/T 9704 page numbers; like `footer`, the plain path. */
  footers?: { default: Footer; even: Footer };
  /** Printed from a record not archived yet: the 草稿 mark in the header of every page (draftMark.ts). */
  draft?: boolean;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

// ---- XML text, written as docx writes it (the xml package's format) ----

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// Characters XML cannot carry (C0 controls, U+FFFE/U+FFFF, unpaired surrogates) are dropped: see xmlSafe.ts.
const escapeValue = (v: unknown): string => (typeof v === 'string' ? xmlSafeText(v).replace(/[&"'<>]/g, (c) => ESCAPES[c]) : String(v));

function attributes(attr: Record<string, unknown>): string {
  let out = '';
  for (const key in attr) out += ` ${key}="${escapeValue(attr[key])}"`;
  return out;
}

/** One element `{ name: content }` as XML. */
export function xmlOf(element: IXmlableObject): string {
  const name = Object.keys(element)[0];
  if (name === undefined) return '';
  const values = (element as Record<string, unknown>)[name];
  let attrs = '';
  if (typeof values !== 'object' || values === null) {
    return values === null ? `<${name}/>` : `<${name}>${values === undefined ? '' : escapeValue(values)}</${name}>`;
  }
  const { _attr } = values as { _attr?: Record<string, unknown> };
  if (_attr) attrs += attributes(_attr);
  if (!Array.isArray(values)) return `<${name}${attrs}/>`;
  let inner = '';
  for (const v of values) {
    if (typeof v === 'object' && v !== null) {
      if (Object.keys(v)[0] === '_attr') attrs += attributes((v as { _attr: Record<string, unknown> })._attr);
      else inner += xmlOf(v as IXmlableObject);
    } else inner += escapeValue(v);
  }
  return `<${name}${attrs}>${inner}</${name}>`;
}

// ---- the zip ----

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

interface ZipEntry {
  name: Buffer;
  crc: number;
  size: number;
  /** 8 = deflated, 0 = stored. */
  method: 0 | 8;
  data: Buffer;
}

function zipEntry(path: string, content: string | Uint8Array, compress = true): ZipEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const deflated = compress ? zlib.deflateRawSync(raw, { level: 6 }) : null;
  const useDeflate = deflated !== null && deflated.length < raw.length;
  return { name: Buffer.from(path, 'utf8'), crc: crc32(raw), size: raw.length, method: useDeflate ? 8 : 0, data: useDeflate ? deflated! : raw };
}

function zipOf(entries: readonly ZipEntry[]): Buffer {
  // DOS date/time of 1980-01-01 00:00: the parts carry their own dates (docProps/core.xml).
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, e.name, e.data);
    centrals.push(central, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// ---- the shell: what every form shares ----

interface Shell {
  /** Ready zip entries of the parts that never change. */
  fixed: ZipEntry[];
  styles: string;
  rels: string;
  core: string;
  /** The relationship id numbers already taken in document.xml.rels. */
  lastRelId: number;
}

const TITLE_MARK = 'FORM-TITLE';
/** docx writes an empty font table: ours names each official face's fallback (style.ts, FONT_TABLE). */
const FONT_TABLE_OVERRIDE = [{ path: 'word/fontTable.xml', data: fontTableXml() }];
const PER_FORM = new Set(['word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']);
/** One shell without and one with the 草稿 header (its part, relationship and content type are fixed too). */
const shells = new Map<boolean, Promise<Shell>>();
/** The header a form's section carries: the 草稿 mark or none. */
const headersOf = (draft: boolean | undefined, evenPages = false) => (draft ? { default: draftHeader(), ...(evenPages ? { even: draftHeader() } : {}) } : undefined);
function shellFor(draft: boolean): Promise<Shell> {
  let found = shells.get(draft);
  if (!found) shells.set(draft, (found = makeShell(draft)));
  return found;
}

async function makeShell(draft: boolean): Promise<Shell> {
  const empty = houseDocument({ title: TITLE_MARK, sections: [{ properties: a4Page(), headers: headersOf(draft), children: [] }] });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(empty, undefined, FONT_TABLE_OVERRIDE));
  const fixed: ZipEntry[] = [];
  const text: Record<string, string> = {};
  const paths = Object.keys(zip.files)
    .filter((p) => !zip.files[p].dir)
    .sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  for (const path of paths) {
    if (PER_FORM.has(path)) text[path] = await zip.files[path].async('string');
    else fixed.push(zipEntry(path, await zip.files[path].async('uint8array')));
  }
  const ids = [...text['word/_rels/document.xml.rels'].matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  return { fixed, styles: text['word/styles.xml'], rels: text['word/_rels/document.xml.rels'], core: text['docProps/core.xml'], lastRelId: Math.max(0, ...ids) };
}

/**
 * The document part around the body for one page setup: a File made once (building one costs about as much as a
 * whole form's elements), the XML before and after its body's content, and the File's parts a form's elements may
 * ask their context for (its sections, for a width in percent).
 */
interface PageShell {
  file: File;
  open: string;
  close: string;
}
const BODY_MARK = 'FORM-BODY-MARK';
const pageShells = new Map<string, PageShell>();

function pageShell(page: PageSetup | undefined, draft: boolean): PageShell {
  const key = JSON.stringify([page ?? {}, draft]);
  let found = pageShells.get(key);
  if (!found) {
    const children = [new Paragraph({ children: [new TextRun(BODY_MARK)] })];
    const file = houseDocument({ title: TITLE_MARK, sections: [{ properties: a4Page(page), headers: headersOf(draft), children }] });
    const xml = XML_DECL + xmlOf(file.Document.View.prepForXml({ file, viewWrapper: file.Document, stack: [] })!);
    const mark = new RegExp(`<w:p>(?:(?!</w:p>).)*${BODY_MARK}.*?</w:p>`).exec(xml);
    if (!mark) throw new Error('packDocx：未能生成文档框架');
    found = { file, open: xml.slice(0, mark.index), close: xml.slice(mark.index + mark[0].length) };
    pageShells.set(key, found);
  }
  return found;
}

/** The form as a .docx, the fast way (see the module comment). */
export async function packDocx(form: FormPackage): Promise<Buffer> {
  if (form.footer || form.footers) return packDocxPlain(form);
  const draft = !!form.draft;
  const s = await shellFor(draft);
  // Each element writes itself in the context docx's own Packer gives it — the page's File — except that images go
  // to a Media of this form's own, so nothing of one form stays behind in the shared File.
  const page = pageShell(form.page, draft);
  const formMedia = new Media();
  const file = { Document: page.file.Document, Media: formMedia, Numbering: page.file.Numbering, PackageParts: page.file.PackageParts } as unknown as File;
  const ctx: IContext = { file, viewWrapper: page.file.Document, stack: [] };
  let body = '';
  for (const element of form.body) {
    const xml = element.prepForXml(ctx);
    if (xml) body += xmlOf(xml);
  }
  let documentXml = page.open + body + page.close;

  // Images: docx writes `rId{key}` and fills in the number when packing; number them after the shell's relationships.
  const images = formMedia.Entries.filter(([key]) => documentXml.includes(`{${key}}`));
  let rels = s.rels;
  const media: ZipEntry[] = [];
  images.forEach(([key, image], i) => {
    const id = s.lastRelId + 1 + i;
    documentXml = documentXml.split(`{${key}}`).join(String(id));
    rels = rels.replace('</Relationships>', `<Relationship Id="rId${id}" Type="${IMAGE_REL}" Target="media/${image.fileName}"/></Relationships>`);
    media.push(zipEntry(`word/media/${image.fileName}`, image.data as Uint8Array, false));
  });

  const styleXml = form.book.paragraphStyles.map((def) => xmlOf(new StyleForParagraph(def).prepForXml(ctx)!)).join('');
  const styles = s.styles.replace('</w:styles>', `${styleXml}</w:styles>`);
  const now = new Date().toISOString();
  const core = s.core
    .replace(`<dc:title>${TITLE_MARK}</dc:title>`, `<dc:title>${escapeValue(form.title)}</dc:title>`)
    .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${now}$2`);

  return zipOf([
    ...s.fixed,
    zipEntry('word/document.xml', documentXml),
    zipEntry('word/styles.xml', styles),
    zipEntry('word/_rels/document.xml.rels', rels),
    zipEntry('docProps/core.xml', core),
    ...media,
  ]);
}

/** The same form through docx's Packer: slower, kept as the reference the fast path is checked against. */
export async function packDocxPlain(form: FormPackage): Promise<Buffer> {
  const footers = form.footers ?? (form.footer ? { default: form.footer } : undefined);
  const doc = houseDocument({
    title: form.title,
    book: form.book,
    evenAndOddFooters: !!form.footers,
    sections: [{ properties: a4Page(form.page), headers: headersOf(form.draft, !!form.footers), footers, children: form.body }],
  });
  return xmlSafeDocx(await Packer.toBuffer(doc, undefined, FONT_TABLE_OVERRIDE));
}

import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';

/**
 * Renders Word documents the way a reader sees them: DOCX → PDF with LibreOffice, then the page count (pdfinfo)
 * and the words on each page with their positions (pdftotext -bbox). The fontconfig file next to this helper maps
 * the official font names (仿宋_GB2312, 方正小标宋简体 …) to the Noto CJK fonts Debian ships, as
 * ../shared/tools/render-docx does.
 *
 * Needs `libreoffice-writer-nogui fonts-noto-cjk poppler-utils` (CI installs them). Set DOCS_RENDER_DIR to keep
 * the PDFs and PNG pages of every render for looking at them.
 */

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The font sets a document can be rendered with: `liberation` (fonts.conf: Noto CJK for the Chinese faces,
 * Liberation Serif/Sans with Times New Roman's and Arial's widths, as on an office PC) and `dejavu`
 * (fonts-dejavu.conf: the same Chinese faces, Latin text in the wider DejaVu Serif/Sans).
 */
export type FontSet = 'liberation' | 'dejavu';
const FONTS_CONF: Record<FontSet, string> = { liberation: path.join(HERE, 'fonts.conf'), dejavu: path.join(HERE, 'fonts-dejavu.conf') };

function has(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const RENDER_TOOLS = ['soffice', 'pdfinfo', 'pdftotext'] as const;
export const missingRenderTools: string[] = RENDER_TOOLS.filter((b) => !has(b));
export const canRender = missingRenderTools.length === 0;

/** Says loudly that rendering tests are skipped (only ever on a machine without LibreOffice). */
export function warnIfCannotRender(what: string): void {
  if (canRender) return;
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!! 跳过 ${what} 的渲染测试：缺少 ${missingRenderTools.join(', ')}。\n` +
      `!! apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk poppler-utils\n${line}\n`,
  );
}

/** A word pdftotext found, with its box in millimetres from the page's top left corner. */
export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Rendered {
  name: string;
  pages: number;
  /** The words of each page with their positions. */
  pageWords: Word[][];
  /** The text of each page, line by line as a reader reads it (whitespace removed, see `flat`). */
  pageTexts: string[];
  /** All pages' text (flat). */
  flatText: string;
  pdf: string;
}

/** Whitespace-free text, for comparing what the form should say with what the PDF says. */
export const flat = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** An area of the page in millimetres (from the top left corner); a word belongs to it if its centre does. */
export interface Band {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
}

/**
 * The words inside a band as lines of text, top to bottom and left to right. Restricting the band to one column
 * of a form keeps the labels beside it out of a wrapped value (pdftotext alone reads across the whole row).
 */
export function linesIn(words: readonly Word[], band: Band = {}): string[] {
  const inside = words.filter((w) => {
    const cx = (w.x0 + w.x1) / 2;
    const cy = (w.y0 + w.y1) / 2;
    return cx >= (band.left ?? -Infinity) && cx <= (band.right ?? Infinity) && cy >= (band.top ?? -Infinity) && cy <= (band.bottom ?? Infinity);
  });
  inside.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const lines: Word[][] = [];
  for (const w of inside) {
    const line = lines[lines.length - 1];
    const mid = (w.y0 + w.y1) / 2;
    if (line && Math.abs(mid - (line[0].y0 + line[0].y1) / 2) < (line[0].y1 - line[0].y0) / 2) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.x0 - b.x0).map((w) => w.text).join(' '));
}

/** Flat text inside a band. */
export const textIn = (words: readonly Word[], band: Band = {}): string => flat(linesIn(words, band).join(''));

const PT_TO_MM = 25.4 / 72;
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Words per page from `pdftotext -bbox`. */
function parseBbox(html: string): Word[][] {
  return html.split(/<page [^>]*>/).slice(1).map((page) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: unescape(m[5]),
      x0: Number(m[1]) * PT_TO_MM,
      y0: Number(m[2]) * PT_TO_MM,
      x1: Number(m[3]) * PT_TO_MM,
      y1: Number(m[4]) * PT_TO_MM,
    })),
  );
}

let profileDir: string | null = null;
function profile(): string {
  // One LibreOffice profile per test process: the first start builds it, later ones reuse it.
  profileDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-lo-profile-'));
  return profileDir;
}

/** Renders several documents with one LibreOffice start (with the office PC's font widths unless told). */
export async function renderDocxMany(docs: { name: string; buffer: Buffer }[], fonts: FontSet = 'liberation'): Promise<Rendered[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-render-'));
  try {
    const files = docs.map((d) => {
      const f = path.join(dir, `${d.name}.docx`);
      fs.writeFileSync(f, d.buffer);
      return f;
    });
    await run('soffice', [`-env:UserInstallation=file://${profile()}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF[fonts] },
      timeout: 180_000,
    });
    const keep = process.env.DOCS_RENDER_DIR;
    const out: Rendered[] = [];
    for (const d of docs) {
      const pdf = path.join(dir, `${d.name}.pdf`);
      if (!fs.existsSync(pdf)) throw new Error(`LibreOffice 未能转换 ${d.name}.docx`);
      const info = (await run('pdfinfo', [pdf])).stdout;
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
      const html = (await run('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      const pageWords = parseBbox(html);
      const pageTexts = pageWords.map((w) => textIn(w));
      let kept = pdf;
      if (keep) {
        fs.mkdirSync(keep, { recursive: true });
        kept = path.join(keep, `${d.name}.pdf`);
        fs.copyFileSync(pdf, kept);
        fs.copyFileSync(path.join(dir, `${d.name}.docx`), path.join(keep, `${d.name}.docx`));
        if (has('pdftoppm')) await run('pdftoppm', ['-png', '-r', '80', kept, path.join(keep, d.name)]);
      }
      out.push({ name: d.name, pages, pageWords, pageTexts, flatText: pageTexts.join(''), pdf: kept });
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function renderDocx(name: string, buffer: Buffer, fonts: FontSet = 'liberation'): Promise<Rendered> {
  return (await renderDocxMany([{ name, buffer }], fonts))[0];
}

/** The main part of a .docx (word/document.xml) and its file list. */
export async function docxParts(buffer: Buffer): Promise<{ documentXml: string; stylesXml: string; files: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const read = (p: string) => zip.file(p)?.async('string') ?? Promise.resolve('');
  return { documentXml: await read('word/document.xml'), stylesXml: await read('word/styles.xml'), files: Object.keys(zip.files) };
}

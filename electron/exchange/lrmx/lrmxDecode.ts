import { xmlSafeText } from '../../../shared/text';

/**
 * Bytes of an LRMX file → XML text, refusing what must never reach the XML parser: oversize input, undecodable
 * bytes, and any DOCTYPE or entity declaration (entities are never expanded, external ones never fetched).
 */

/** A real LRMX file, photo included, is well under 1 MB (the photo is capped at 200 KB). */
export const MAX_LRMX_BYTES = 5 * 1024 * 1024;

export type DecodedXml = { ok: true; text: string } | { ok: false; error: string };

const GB_ENCODINGS = /^(gb2312|gbk|gb18030|cp936|x-gbk)$/i;

function decode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Why a file of `size` bytes is refused before reading it, or null. */
export function lrmxSizeProblem(size: number): string | null {
  if (size === 0) return '文件为空';
  if (size <= MAX_LRMX_BYTES) return null;
  const mb = (size / 1024 / 1024).toFixed(1);
  return `文件过大（${mb} MB，上限 ${MAX_LRMX_BYTES / 1024 / 1024} MB），不是正常的任免审批表文件`;
}

export function decodeLrmxBytes(bytes: Uint8Array): DecodedXml {
  const sizeProblem = lrmxSizeProblem(bytes.length);
  if (sizeProblem) return { ok: false, error: sizeProblem };
  let text: string | null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = decode(bytes.subarray(3), 'utf-8');
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode(bytes.subarray(2), 'utf-16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode(bytes.subarray(2), 'utf-16be');
  else {
    // Older tools write GB2312 and say so in the declaration; everything else must be UTF-8.
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ?? '';
    text = decode(bytes, GB_ENCODINGS.test(declared) ? 'gb18030' : 'utf-8');
  }
  if (text === null) return { ok: false, error: '文件编码无法识别：应为 UTF-8（或在 XML 声明中注明 GB2312）' };
  text = text.replace(/^\uFEFF/, '').trimStart();
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    return { ok: false, error: '文件含有 DOCTYPE 或实体声明（XML 外部实体），出于安全原因拒绝导入；任免审批表文件不含此类内容' };
  }
  return { ok: true, text };
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The five predefined XML entities and character references; any other `&name;` stays as written
 * (the parser runs with entity processing off, and DOCTYPEs are refused, so nothing else can be defined).
 */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** Text content escaped for an element body. `\r` is kept literally (LRMX 简历 lines end in `\r\n`). */
export function escapeXmlText(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than producing a file nobody can read.
  return xmlSafeText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

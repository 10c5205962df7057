/**
 * Characters XML 1.0 cannot carry at all — C0 controls other than tab, line feed and carriage return, U+FFFE,
 * U+FFFF and unpaired surrogates. One of them in a stored field makes every .docx and .xlsx written from it
 * unreadable (Word and LibreOffice refuse the file), so they are taken out wherever text comes in: LRMX and roster
 * imports (with a note naming the field) and every API call (silently, in the dispatcher), and once more where
 * documents are written.
 */
const XML_ILLEGAL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_ILLEGAL = new RegExp(XML_ILLEGAL_RE.source);

export function hasXmlIllegal(s: string): boolean {
  return ANY_ILLEGAL.test(s);
}

/** The text without XML-illegal characters, and how many were taken out. */
export function stripXmlIllegal(s: string): { text: string; removed: number } {
  if (!ANY_ILLEGAL.test(s)) return { text: s, removed: 0 };
  let removed = 0;
  const text = s.replace(XML_ILLEGAL_RE, () => (removed++, ''));
  return { text, removed };
}

/** The text without XML-illegal characters. */
export function xmlSafeText(s: string): string {
  return ANY_ILLEGAL.test(s) ? s.replace(XML_ILLEGAL_RE, '') : s;
}

/** The note an import shows for a field that had such characters (`简历：去除了 2 个无法打印的控制字符`). */
export function strippedNote(label: string, removed: number): string {
  return `${label}：去除了 ${removed} 个无法打印的控制字符`;
}

/**
 * Every string in a parsed-JSON value (objects, arrays) without XML-illegal characters; the value itself when it
 * has none (nothing copied). Keys for which `keep(key)` is true are left as they are (passwords: never printed,
 * compared byte for byte). Plain JSON only — what crosses the API boundary.
 */
export function stripXmlIllegalDeep<T>(value: T, keep: (key: string) => boolean = () => false): T {
  if (typeof value === 'string') return xmlSafeText(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((v, i) => {
      const c = stripXmlIllegalDeep(v, keep);
      if (c !== v) (out ??= [...value])[i] = c;
    });
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (keep(k)) continue;
      const c = stripXmlIllegalDeep(v, keep);
      // defineProperty: a `__proto__` key stays a plain key, as JSON.parse made it.
      if (c !== v) Object.defineProperty((out ??= { ...(value as Record<string, unknown>) }), k, { value: c, enumerable: true, writable: true, configurable: true });
    }
    return (out ?? value) as T;
  }
  return value;
}

/**
 * A canonical JSON text: object keys sorted (by code unit), no whitespace, `undefined` members dropped, numbers as
 * JSON.stringify writes them. Two values with the same content give the same text whatever their key order, so a
 * hash over it identifies the content (archived evaluations, electron/services/growthArchive.ts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * Keys that reach into an object's prototype. JSON.parse and structured clone keep `"__proto__"` as an ordinary
 * key, and zod then drops it silently; a request that carries one is hostile or broken, so it is refused whole.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The first forbidden key anywhere in `value` (objects and arrays, nested), or null. */
export function forbiddenKey(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) return key;
    const inner = forbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return null;
}

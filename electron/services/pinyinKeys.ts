import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  /** `lmy` */
  initials: string;
  /** `limingyuan` */
  full: string;
  /** `li ming yuan|李明远` — orders by syllable (li < liu < lu), then by the characters. */
  sortKey: string;
}

/** Keys for search and ordering, computed once when a name is written. Surnames use their surname readings (单 shan, 曾 zeng). */
export function pinyinKeys(name: string): PinyinKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/ü/g, 'v').trim())
    .filter(Boolean);
  return {
    initials: syllables.map((s) => s[0]).join(''),
    full: syllables.join(''),
    sortKey: `${syllables.join(' ')}|${name}`,
  };
}

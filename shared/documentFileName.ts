/**
 * File names of the printed forms. One place decides them, so the single export, the batch export (one file per
 * member, `<批次>_<姓名>_<表名>.docx`) and the CLI all name a file alike, and every name is safe on Windows (where
 * most clerks work), on 信创 Linux desktops and inside a zip.
 */

/** The printable forms and their printed titles. */
export const DOCUMENT_FORM_TITLES = {
  renmian: '干部任免审批表',
  appraisal: '挂职干部考核鉴定表',
  growth: '成长评价报告',
  roster: '挂职干部花名册',
  summary: '工作实绩及考核汇总表',
} as const;
export type DocumentForm = keyof typeof DOCUMENT_FORM_TITLES;

/** The forms printed once per cadre (a batch export makes one file per member of each). */
export const MEMBER_FORMS = ['renmian', 'appraisal', 'growth'] as const satisfies readonly DocumentForm[];
export type MemberForm = (typeof MEMBER_FORMS)[number];

/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** Longest part kept, in characters: three parts and `.docx` stay far below the 255 a file name may have. */
const MAX_PART = 60;

/**
 * One part of a file name with the unsafe characters removed: path separators, `:*?"<>|`, control characters and
 * the invisible format characters (zero-width spaces, direction marks); runs of spaces become one; leading and
 * trailing dots and spaces go (Windows drops them silently). A device name (CON, NUL …) gets a trailing `_`.
 * An empty result stays empty: the caller decides what stands in.
 */
export function safeFileNamePart(text: string): string {
  let s = text
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if ([...s].length > MAX_PART) s = [...s].slice(0, MAX_PART).join('').replace(/[\s.]+$/, '');
  if (RESERVED.test(s)) s = `${s}_`;
  return s;
}

/** A .docx name from parts joined with `_`; empty parts are left out, and a name with no part left reads 未命名. */
export function documentFileName(...parts: string[]): string {
  const kept = parts.map(safeFileNamePart).filter(Boolean);
  return `${kept.length ? kept.join('_') : '未命名'}.docx`;
}

/** A form of one cadre or one batch exported on its own: `挂职干部考核鉴定表-李明远.docx`. */
export function singleDocumentFileName(form: DocumentForm, subject: string): string {
  const name = safeFileNamePart(`${DOCUMENT_FORM_TITLES[form]}-${subject}`);
  return `${name || DOCUMENT_FORM_TITLES[form]}.docx`;
}

/** A member's form in a batch export: `<批次>_<姓名>_<表名>.docx`. */
export function memberDocumentFileName(batchName: string, cadreName: string, form: MemberForm): string {
  return documentFileName(batchName || '无批次', cadreName || '未命名', DOCUMENT_FORM_TITLES[form]);
}

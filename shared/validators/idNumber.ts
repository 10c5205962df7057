/**
 * 公民身份号码 (GB 11643-1999): 17 digits + a check character.
 * The check character is "10X98765432"[Σ(digit × weight) mod 11].
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface IdNumberInfo {
  /** Birth date as `YYYY.MM.DD`. */
  birthDate: string;
  /** Birth year-month as `YYYY.MM` (the form's 出生年月). */
  birthYearMonth: string;
  gender: '男' | '女';
}

export type IdNumberCheck = { ok: true; value: string; info: IdNumberInfo } | { ok: false; message: string };

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Upper-cases a trailing x and strips surrounding blanks, as users type it. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase();
}

/** Validates an ID number; messages are Chinese and say what is wrong. `today` bounds the birth date. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberCheck {
  const value = normalizeIdNumber(raw);
  if (value.length === 0) return { ok: false, message: '不能为空' };
  if (value.length !== 18) return { ok: false, message: `应为18位，当前为${value.length}位` };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '前17位应为数字，末位应为数字或X' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || m < 1 || m > 12 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: `第7–14位出生日期无效（${value.slice(6, 14)}）` };
  }
  if (date.getTime() > Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) {
    return { ok: false, message: `出生日期${value.slice(6, 14)}晚于今天` };
  }
  const expected = idCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, message: `校验位错误（末位应为${expected}）` };
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  return {
    ok: true,
    value,
    info: {
      birthDate: `${y}.${mm}.${dd}`,
      birthYearMonth: `${y}.${mm}`,
      gender: Number(value[16]) % 2 === 1 ? '男' : '女',
    },
  };
}

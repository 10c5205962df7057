import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar } from '../../shared/validators/idNumber';
import { makeIdNumber } from '../../electron/demo/demoCadres';

describe('身份证号 (GB 11643)', () => {
  it('computes the check character by the standard weights', () => {
    // Hand-computed: 11010519491231002 → Σ = 167 → 167 mod 11 = 2 → "X"
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X', info: { birthYearMonth: '1949.12', gender: '女' } });
  });
  it('refuses a wrong check character and says what it should be', () => {
    const r = checkIdNumber('110105194912310021');
    expect(r).toEqual({ ok: false, message: '校验位错误（末位应为X）' });
  });
  it('refuses wrong length, letters and impossible dates', () => {
    expect(checkIdNumber('1101051949')).toMatchObject({ ok: false, message: '应为18位，当前为10位' });
    expect(checkIdNumber('11010519491231A02X').ok).toBe(false);
    const feb30 = makeIdNumber('610902', '19850230', 11, '男');
    expect(checkIdNumber(feb30)).toMatchObject({ ok: false });
    expect((checkIdNumber(feb30) as { message: string }).message).toContain('出生日期无效');
  });
  it('refuses a birth date after today', () => {
    const future = makeIdNumber('610902', '20991231', 11, '男');
    expect((checkIdNumber(future, new Date(2026, 10, 22)) as { message: string }).message).toContain('晚于今天');
  });
  it('reads the sex from the 17th digit', () => {
    expect(checkIdNumber(makeIdNumber('610902', '19850324', 101, '男'))).toMatchObject({ ok: true, info: { gender: '男' } });
    expect(checkIdNumber(makeIdNumber('610902', '19850324', 101, '女'))).toMatchObject({ ok: true, info: { gender: '女' } });
  });
});

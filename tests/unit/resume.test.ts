import { describe, expect, it } from 'vitest';
import { formatResume, parseResume } from '../../shared/resume';

describe('简历 text', () => {
  it('reads the standard lines, open ends, 其间 lines and continuation lines', () => {
    const text = [
      '2003.09--2007.07  西北大学经济管理学院国民经济管理专业学习',
      '2007.08--2015.03  安康市发展和改革委员会科员',
      '（其间：2010.09--2013.06  西北大学公共管理学院公共管理专业在职研究生学习）',
      '2015.03--         安康市发展和改革委员会副主任',
      '                  （2019.01起兼任综合科科长）',
    ].join('\r\n');
    const r = parseResume(text);
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      { start: '2003.09', end: '2007.07', text: '西北大学经济管理学院国民经济管理专业学习', concurrent: false },
      { start: '2007.08', end: '2015.03', text: '安康市发展和改革委员会科员', concurrent: false },
      { start: '2010.09', end: '2013.06', text: '西北大学公共管理学院公共管理专业在职研究生学习', concurrent: true },
      { start: '2015.03', end: null, text: '安康市发展和改革委员会副主任（2019.01起兼任综合科科长）', concurrent: false },
    ]);
  });
  it('accepts the separators other tools write', () => {
    for (const sep of ['--', '—', '——', '－', '~', '～', '至', '-']) {
      const r = parseResume(`2003.9${sep}2007.7  某大学学习`);
      expect(r.entries, sep).toEqual([{ start: '2003.09', end: '2007.07', text: '某大学学习', concurrent: false }]);
    }
  });
  it('writes the standard form: two hyphens, two spaces, seven spaces for an open end', () => {
    const text = formatResume(
      [
        { start: '2003.09', end: '2007.07', text: '某大学学习', concurrent: false },
        { start: '2005.09', end: '2008.07', text: '某大学在职学习', concurrent: true },
        { start: '2007.08', end: null, text: '某局科员', concurrent: false },
      ],
      '\r\n',
    );
    expect(text).toBe('2003.09--2007.07  某大学学习\r\n（其间：2005.09--2008.07  某大学在职学习）\r\n2007.08--         某局科员');
    expect(parseResume(text).entries[2]).toEqual({ start: '2007.08', end: null, text: '某局科员', concurrent: false });
  });
  it('reports a first line that is not an entry, and an impossible month', () => {
    expect(parseResume('某大学学习').problems[0].message).toContain('第1行');
    expect(parseResume('2003.13--2007.07  某大学').problems[0].message).toContain('月份无效');
  });
});

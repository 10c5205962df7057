import { describe, expect, it } from 'vitest';
import { parseBatchThemes } from '../../shared/batch';
import { parseFamily, parseResume, parseTags } from '../../shared/cadre';
import { parseAuditChanges } from '../../electron/services/AuditLog';

describe('batch.themes (一季一主题) as stored', () => {
  it('reads stored text and already-parsed values alike', () => {
    const themes = [{ period: '第一季度', theme: '融入', note: '到岗' }];
    expect(parseBatchThemes(JSON.stringify(themes))).toEqual(themes);
    expect(parseBatchThemes(themes)).toEqual(themes);
  });

  it('gives a key added later its default (a theme stored before 备注 existed)', () => {
    expect(parseBatchThemes('[{"period":"第一季度","theme":"融入"}]')).toEqual([{ period: '第一季度', theme: '融入', note: '' }]);
  });

  it('keeps the themes that read and drops the rest; a bad optional key falls back to its default', () => {
    const stored = JSON.stringify([
      { period: '第一季度', theme: '融入', note: 7 },
      { period: '第二季度' },
      'not a theme',
      null,
      { period: '第三季度', theme: '见效', extra: true },
    ]);
    expect(parseBatchThemes(stored)).toEqual([
      { period: '第一季度', theme: '融入', note: '' },
      { period: '第三季度', theme: '见效', note: '' },
    ]);
  });

  it('reads unreadable text, null and a non-array as no themes instead of failing', () => {
    expect(parseBatchThemes('[{"period":')).toEqual([]);
    expect(parseBatchThemes(null)).toEqual([]);
    expect(parseBatchThemes(undefined)).toEqual([]);
    expect(parseBatchThemes('{"period":"第一季度"}')).toEqual([]);
    expect(parseBatchThemes('')).toEqual([]);
  });
});

describe('cadre JSON columns as stored', () => {
  it('fills 兼职 (concurrent) for 简历 entries stored before it existed, and keeps a running entry', () => {
    expect(parseResume('[{"start":"2003.09","end":"2007.07","text":"西北大学学习"},{"start":"2007.07","text":"安康市商务局"}]')).toEqual([
      { start: '2003.09', end: '2007.07', text: '西北大学学习', concurrent: false },
      { start: '2007.07', end: null, text: '安康市商务局', concurrent: false },
    ]);
  });

  it('drops an entry without its required 起始年月, keeps the others', () => {
    expect(parseResume([{ text: '无起始' }, { start: '2010.01', text: '有起始', concurrent: true }])).toEqual([
      { start: '2010.01', end: null, text: '有起始', concurrent: true },
    ]);
  });

  it('keeps a family member whose 出生年月 no longer reads, without the date', () => {
    expect(parseFamily([{ relation: '妻子', name: '张某', birthDate: '八五年', politicalStatus: '群众' }])).toEqual([
      { relation: '妻子', name: '张某', birthDate: '', politicalStatus: '群众', workUnitAndPost: '' },
    ]);
  });

  it('keeps the tags that read', () => {
    expect(parseTags('["优秀", "", 3, "援派"]')).toEqual(['优秀', '援派']);
    expect(parseTags('oops')).toEqual([]);
  });
});

describe('audit_log.changes as stored', () => {
  it('keeps [old, new] pairs and drops anything else', () => {
    expect(parseAuditChanges('{"name":["李","王"],"phone":"x","tags":[null,["a"]]}')).toEqual({ name: ['李', '王'], tags: [null, ['a']] });
    expect(parseAuditChanges('not json')).toEqual({});
    expect(parseAuditChanges([1, 2])).toEqual({});
  });
});

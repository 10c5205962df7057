import { describe, expect, it } from 'vitest';
import { parseFamily, parseResume, parseTags } from '../../shared/cadre';
import { parseAuditChanges } from '../../electron/services/AuditLog';

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

  it('keeps stored text a later rule would refuse (the form names it on the next save); a bad non-text value takes the default', () => {
    expect(parseFamily([{ relation: '妻子', name: '张某', birthDate: '八五年', politicalStatus: 3 }])).toEqual([
      { relation: '妻子', name: '张某', birthDate: '八五年', politicalStatus: '', workUnitAndPost: '' },
    ]);
    expect(parseResume([{ start: '2003年', text: '西北大学学习', concurrent: 'yes' }])).toEqual([
      { start: '2003年', end: null, text: '西北大学学习', concurrent: false },
    ]);
  });

  it('reads unreadable text, null and the wrong kind of value as empty instead of failing', () => {
    expect(parseResume('[{"start":')).toEqual([]);
    expect(parseResume(null)).toEqual([]);
    expect(parseFamily('{"relation":"妻子"}')).toEqual([]);
    expect(parseFamily([null, 'x', 1])).toEqual([]);
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

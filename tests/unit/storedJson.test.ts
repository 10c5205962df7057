import { describe, expect, it } from 'vitest';
import { VoteCountsSchema, voteRates } from '../../shared/democraticVote';
import {
  parseEvidenceLinks,
  parseNarratives,
  parseRaterWeights,
  parseRatings,
  parseRecordData,
  parseStages,
} from '../../electron/services/storedJson';

describe('stored JSON columns', () => {
  it('reads an old 期满考核 without a vote key added later as 0, so the rates are numbers', () => {
    // Written before 弃权 was counted: no `abstain` key.
    const old = JSON.stringify({ assessmentDate: '2026.11.20', selfSummary: '总结', votes: { excellent: 20, competent: 5, basic: 0, incompetent: 0 }, finalGrade: '优秀' });
    const data = parseRecordData('term', old);
    expect(data.votes).toEqual({ excellent: 20, competent: 5, basic: 0, incompetent: 0, abstain: 0 });
    const rates = voteRates(data.votes);
    expect(rates.total).toBe(25);
    expect(rates.excellentRate).toBeCloseTo(0.8);
    expect(Number.isNaN(rates.competentOrBetterRate)).toBe(false);
    // Fields added to the form since then read as their defaults.
    expect(data.hostOpinion).toBe('');
    expect(data.orgOpinion).toBe('');
  });

  it('keeps the valid votes when one count is garbage', () => {
    const data = parseRecordData('term', { votes: { excellent: 'x', competent: 7, abstain: -3 } });
    expect(data.votes).toEqual({ ...VoteCountsSchema.parse({}), competent: 7 });
  });

  it('gives the defaults for garbage JSON, for every column', () => {
    const term = parseRecordData('term', '{not json');
    expect(term.votes).toEqual(VoteCountsSchema.parse({}));
    expect(voteRates(term.votes)).toEqual({ total: 0, excellentRate: null, competentOrBetterRate: null });
    expect(term.selfSummary).toBe('');
    expect(parseRecordData('quarterly', 'garbage')).toMatchObject({ theme: '', grade: '', score: null, quarter: 0 });
    expect(parseRatings('[')).toEqual({});
    expect(parseNarratives('nope')).toEqual({ 学习者: '', 参与者: '', 践行者: '', 传递者: '' });
    expect(parseEvidenceLinks('{')).toEqual([]);
    expect(parseRaterWeights('')).toEqual({ 本人: 0, 挂职单位: 0, 派出单位: 0, 组织部门: 0 });
    expect(parseStages(null)).toEqual([]);
  });

  it('keeps stored text that a later, tighter rule would refuse', () => {
    const long = '很'.repeat(6000);
    const data = parseRecordData('monthly', { month: '2026.03', content: long, hostComment: 42 });
    expect(data.content).toBe(long);
    expect(data.month).toBe('2026.03');
    expect(data.hostComment).toBe('');
    expect(parseRecordData('annual', { year: 2026, grade: '良好' }).grade).toBe('良好');
  });

  it('keeps the valid parts of growth ratings and evidence', () => {
    const ratings = parseRatings(
      JSON.stringify({ 本人: { scores: { '1.1': 80, '1.2': 'high' }, comment: '好' }, 挂职单位: 'broken', 外人: { scores: {} } }),
    );
    expect(ratings).toEqual({ 本人: { scores: { '1.1': 80 }, comments: {}, comment: '好', ratedBy: '', ratedOn: '' } });
    const links = parseEvidenceLinks([{ indicatorCode: '1.3', refKind: 'record', refId: 4 }, 'junk', 7]);
    expect(links).toEqual([{ indicatorCode: '1.3', refKind: 'record', refId: 4, label: '', note: '' }]);
    expect(parseNarratives({ 学习者: '融入快' })).toEqual({ 学习者: '融入快', 参与者: '', 践行者: '', 传递者: '' });
  });

  it('reads template columns with a rater added later at weight 0 and keeps valid indicators', () => {
    expect(parseRaterWeights({ 本人: 10, 挂职单位: 60, 派出单位: 30 })).toEqual({ 本人: 10, 挂职单位: 60, 派出单位: 30, 组织部门: 0 });
    const stages = parseStages([{ stage: '学习者', weight: 25, indicators: [{ code: '1.1', indicatorName: '学习', weight: 25 }, 'x'] }, 3]);
    expect(stages).toEqual([
      { stage: '学习者', stageDescription: '', weight: 25, indicators: [{ code: '1.1', indicatorName: '学习', indicatorDescription: '', weight: 25, guidance: '' }] },
    ]);
  });
});

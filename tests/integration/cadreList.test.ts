import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { CadreListQuerySchema, type CadreInput, type CadreListQuery } from '../../shared/cadre';
import { refusalMessage } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

type Env = Awaited<ReturnType<typeof tempServices>>;

/** Invented people: name, sex, birth day, ID sequence, unit, post, 政治面貌. */
const PEOPLE: [string, '男' | '女', string, number, string, string, string][] = [
  ['卢佳宁', '女', '19900915', 105, '汉滨区农业农村局', '副局长', '中共党员'],
  ['刘思源', '女', '19880611', 103, '安康市商务局', '外贸科科长', '群众'],
  ['李明远', '男', '19850324', 101, '安康市发展和改革委员会', '副主任', '中共党员'],
  ['吕一鸣', '男', '19920102', 107, '', '', ''],
  ['单晓东', '男', '19850324', 109, '石泉县委组织部', '干部科科长', '中共党员'],
  ['刘明', '男', '19870707', 111, '安康市教育局', '', '中共预备党员'],
];

const person = ([name, gender, birth, seq, workUnit, currentPosition, politicalStatus]: (typeof PEOPLE)[number]): CadreInput => ({
  name,
  gender,
  birthDate: `${birth.slice(0, 4)}.${birth.slice(4, 6)}`,
  idNumber: makeIdNumber('610902', birth, seq, gender),
  workUnit,
  currentPosition,
  politicalStatus,
});

describe('the cadre list sorts by any column and finds by the tail of the 身份证号 (issue 16 items 15, 16)', () => {
  let env: Env;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    env = await tempServices();
    for (const p of PEOPLE) ids.set(p[0], (await env.s.cadres.save(testCtx, person(p))).id);
    const batch = await env.s.batches.save(testCtx, { name: '安康市第8批赴常州挂职干部', type: '东西部协作/对口支援', direction: '派出', startDate: '2026.01.01', endDate: '2026.12.31' });
    await env.s.batches.addMembers(testCtx, { batchId: batch.id, cadreIds: [ids.get('李明远')!, ids.get('卢佳宁')!], defaults: { status: '在岗' } });
    const earlier = await env.s.batches.save(testCtx, { name: '汉滨区第3批一线挂职', type: '一线挂职', direction: '派出', startDate: '2024.03.01', endDate: '2025.02.28' });
    await env.s.batches.addMembers(testCtx, { batchId: earlier.id, cadreIds: [ids.get('刘思源')!], defaults: { status: '拟派' } });
  });
  afterAll(async () => {
    await env.cleanup();
  });
  const names = async (q: CadreListQuery) => (await env.s.cadres.list(q)).items.map((c) => c.name);

  it('orders by name in pinyin order, either way', async () => {
    expect(await names({})).toEqual(['李明远', '刘明', '刘思源', '卢佳宁', '吕一鸣', '单晓东']);
    expect(await names({ sort: 'name', order: 'desc' })).toEqual(['单晓东', '吕一鸣', '卢佳宁', '刘思源', '刘明', '李明远']);
  });

  it('orders by another column with ties in name order and empty values last, either way', async () => {
    // Born 1985.03 twice (李明远, 单晓东): the tie keeps pinyin order in both directions.
    expect(await names({ sort: 'birthDate' })).toEqual(['李明远', '单晓东', '刘明', '刘思源', '卢佳宁', '吕一鸣']);
    expect(await names({ sort: 'birthDate', order: 'desc' })).toEqual(['吕一鸣', '卢佳宁', '刘思源', '刘明', '李明远', '单晓东']);
    expect(await names({ sort: 'gender' })).toEqual(['李明远', '刘明', '吕一鸣', '单晓东', '刘思源', '卢佳宁']);
    const byUnit = await names({ sort: 'workUnit' });
    const byUnitDesc = await names({ sort: 'workUnit', order: 'desc' });
    expect(byUnit.at(-1)).toBe('吕一鸣');
    expect(byUnitDesc.at(-1)).toBe('吕一鸣');
    expect(byUnitDesc.slice(0, -1)).toEqual(byUnit.slice(0, -1).reverse());
    expect((await names({ sort: 'currentPosition' })).slice(-2)).toEqual(['刘明', '吕一鸣']);
    expect((await names({ sort: 'politicalStatus' })).at(-1)).toBe('吕一鸣');
    expect(await names({ sort: 'idNumber' })).toHaveLength(6);
  });

  it('is stable across pages: every file exactly once', async () => {
    for (const sort of ['gender', 'politicalStatus', 'workUnit', 'postingStatus'] as const) {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) seen.push(...(await names({ sort, page, pageSize: 2 })));
      expect(new Set(seen).size).toBe(6);
    }
  });

  it('adds 挂职状态 and 批次 when asked, and sorts by them', async () => {
    const plain = (await env.s.cadres.list({})).items[0];
    expect(plain).not.toHaveProperty('postingStatus');
    const rows = (await env.s.cadres.list({ postingColumns: true })).items;
    const byName = Object.fromEntries(rows.map((r) => [r.name, [r.postingStatus, r.batchName]]));
    expect(byName['李明远']).toEqual(['在岗', '安康市第8批赴常州挂职干部']);
    expect(byName['刘思源']).toEqual(['拟派', '汉滨区第3批一线挂职']);
    expect(byName['刘明']).toEqual(['', '']);
    expect((await names({ sort: 'postingStatus' })).slice(0, 3)).toEqual(['刘思源', '李明远', '卢佳宁']);
    expect((await names({ sort: 'batchName', order: 'desc' })).slice(0, 3)).toEqual(['刘思源', '李明远', '卢佳宁']);
  });

  it('finds a file by the last 4 to 8 characters of its 身份证号, X included', async () => {
    const id = (await env.s.cadres.get(ids.get('刘思源')!)).idNumber;
    for (const n of [4, 5, 6, 8]) expect(await names({ query: id.slice(-n) })).toContain('刘思源');
    expect(await names({ query: id.slice(-4) })).toHaveLength(1);
    // The prefix search still works; three digits are too few to mean a tail.
    expect(await names({ query: id.slice(0, 10) })).toContain('刘思源');
    const withX = PEOPLE.map(person).find((p) => p.idNumber.endsWith('X'));
    if (withX) expect(await names({ query: withX.idNumber.slice(-4).toLowerCase() })).toContain(withX.name);
  });

  it('refuses a column it cannot sort by, naming it', async () => {
    expect(() => CadreListQuerySchema.parse({ sort: 'phone' })).toThrow(/不是可排序的列/);
    expect(await refusalMessage(env.s.cadres.list({ sort: 'phone' as never }))).toMatch(/^排序列：/);
  });
});

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { recordOf } from '../../electron/exchange/cadreChanges';
import { EXPORT_COLUMNS, TEMPLATE_COLUMNS } from '../../electron/exchange/roster/rosterColumns';
import type { AppServices } from '../../electron/services/AppServices';
import { tempServices, testCtx } from '../helpers/tempServices';
import { everydayRoster, idEndingInX, IDS, utcDate, xlsx } from '../helpers/rosterFixtures';
import { stringAgg } from '../../electron/db/dialect';
import { queryRow, sql } from '../../electron/db/sql';

let s: AppServices;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ s, cleanup } = await tempServices()));
afterEach(() => cleanup());

async function snapshot(svc: AppServices = s) {
  const q = async (sql: string) => Number((await svc.db.manager.query(sql))[0].n);
  return {
    cadres: await q('SELECT COUNT(*) AS n FROM cadre'),
    postings: await q('SELECT COUNT(*) AS n FROM posting'),
    audit: await q('SELECT COUNT(*) AS n FROM audit_log'),
    stamp: (await queryRow(svc.db.manager, sql`SELECT ${stringAgg(svc.db.manager, "id || ':' || updated_at", ',')} AS s FROM cadre`, (r) => r.s)) ?? null,
  };
}

const byId = async (idNumber: string) => (await s.cadres.findByIdNumber(idNumber))!;

describe('roster import', () => {
  it('finds the header below merged title rows, matches synonyms and reads every kind of date', async () => {
    const bytes = await everydayRoster();
    const preview = await s.exchange.previewRoster('花名册.xlsx', bytes);
    expect(preview.errors).toEqual([]);
    expect(preview.headerRow).toBe(3);
    expect(preview.columns.map((c) => `${c.header}→${c.label}`)).toEqual([
      '序号→序号', '名字→姓名', '性别→性别', '民族→民族', '出生日期→出生年月', '政治面貌→政治面貌', '公民身份号码→身份证号',
      '学历→全日制教育学历', '单位→工作单位', '职务→现任职务', '联系电话→联系电话', '备注（说明）→备注',
    ]);
    expect(preview.rows.map((r) => [r.row, r.status, r.person.name])).toEqual([
      [4, 'create', '刘思源'],
      [5, 'create', '卢佳宁'],
      [6, 'create', '王晓峰'],
      [7, 'create', '陈志刚'],
    ]);
    expect(preview.skipped).toEqual([
      { row: 9, message: '合计行，已跳过' },
      { row: 11, message: '说明文字，已跳过' },
    ]);

    const result = await s.exchange.importRoster(testCtx, '花名册.xlsx', bytes);
    expect(result).toMatchObject({ ok: true, created: 4, updated: 0, errors: [] });
    expect(await byId(IDS.liu)).toMatchObject({
      name: '刘思源', gender: '女', nation: '汉族', birthDate: '1988.06', politicalStatus: '中共党员', ftEducation: '大学',
      workUnit: '安康市商务局', currentPosition: '投资促进科科长', phone: '13909151037',
    });
    // The merged 单位 cell belongs to all three people under it.
    expect((await byId(IDS.lu)).workUnit).toBe('安康市商务局');
    expect(await byId(IDS.lu)).toMatchObject({ birthDate: '1990.09', phone: '0915-3261234', remarks: '女干部' });
    expect(await byId(idEndingInX())).toMatchObject({ name: '王晓峰', birthDate: '1983.01', workUnit: '安康市商务局', ftEducation: '研究生', politicalStatus: '群众' });
    expect(await byId(IDS.chen)).toMatchObject({ birthDate: '1981.12', nation: '回族', workUnit: '安康高新区管委会' });
    const history = await s.cadres.history((await byId(IDS.chen)).id);
    expect(history.map((h) => h.action)).toEqual(['导入']);
    // Written in bulk, the entry still has the actor and every field, like a single save's.
    expect(history[0]).toMatchObject({ actor: testCtx.actor, entityType: 'cadre', changes: { name: [null, '陈志刚'], workUnit: [null, '安康高新区管委会'] } });
  });

  it('derives the sex and birth date from the ID number when the roster has no such columns', async () => {
    const bytes = await xlsx((ws) => {
      ws.getRow(1).values = ['姓名', '身份证号码'];
      ws.getRow(2).values = ['刘思源', IDS.liu];
    });
    await s.exchange.importRoster(testCtx, 'r.xlsx', bytes);
    expect(await byId(IDS.liu)).toMatchObject({ gender: '女', birthDate: '1988.06' });
  });

  it('reads a two-row header (全日制教育 over 学历/学位)', async () => {
    const bytes = await xlsx((ws) => {
      ws.getRow(1).values = ['姓名', '身份证号', '全日制教育', '', '在职教育', ''];
      ws.getRow(2).values = ['', '', '学历', '学位', '学历', '学位'];
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:B2');
      ws.mergeCells('C1:D1');
      ws.mergeCells('E1:F1');
      ws.getRow(3).values = ['陈志刚', IDS.chen, '大学', '学士', '研究生', '公共管理硕士'];
    });
    const preview = await s.exchange.previewRoster('r.xlsx', bytes);
    expect(preview.errors).toEqual([]);
    expect(preview.columns.map((c) => c.label)).toEqual(['姓名', '身份证号', '全日制教育学历', '全日制教育学位', '在职教育学历', '在职教育学位']);
    await s.exchange.importRoster(testCtx, 'r.xlsx', bytes);
    expect(await byId(IDS.chen)).toMatchObject({ ftEducation: '大学', ftDegree: '学士', ptEducation: '研究生', ptDegree: '公共管理硕士' });
  });

  it('previews updates field by field; empty cells do not clear stored values', async () => {
    await s.exchange.importRoster(testCtx, 'r.xlsx', await everydayRoster());
    const before = await byId(IDS.liu);
    const bytes = await xlsx((ws) => {
      ws.getRow(1).values = ['姓名', '身份证号', '现任职务', '联系电话', '单位'];
      ws.getRow(2).values = ['刘思源', IDS.liu, '投资促进科科长（一级主任科员）', null, null];
      ws.getRow(3).values = ['陈志刚', IDS.chen, '招商服务中心主任', null, null];
    });
    const snap = await snapshot();
    const preview = await s.exchange.previewRoster('r.xlsx', bytes);
    expect(await snapshot()).toEqual(snap);
    expect(preview).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const row2 = preview.rows[0];
    expect(row2.status === 'update' && row2.changes).toEqual([
      { field: 'currentPosition', label: '现任职务', old: '投资促进科科长', new: '投资促进科科长（一级主任科员）' },
    ]);
    const result = await s.exchange.importRoster(testCtx, 'r.xlsx', bytes);
    expect(result).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 1 });
    const after = await byId(IDS.liu);
    expect(after.currentPosition).toBe('投资促进科科长（一级主任科员）');
    expect(after.phone).toBe(before.phone);
    expect(after.workUnit).toBe(before.workUnit);
    expect((await s.cadres.history(after.id)).map((h) => h.action)).toEqual(['导入', '导入']);
  });

  it('refuses a roster with bad rows as a whole, listing every problem by Excel row number', async () => {
    await s.exchange.importRoster(testCtx, 'r.xlsx', await everydayRoster());
    const wrongCheck = IDS.lu.slice(0, 17) + (IDS.lu[17] === '5' ? '6' : '5');
    const good = makeIdNumber('610902', '19920226', 111, '男');
    const bad = await xlsx((ws) => {
      ws.mergeCells('A1:E1');
      ws.getCell('A1').value = '第7批花名册';
      ws.getRow(2).values = ['姓名', '性别', '出生年月', '身份证号', '政治面貌'];
      ws.getRow(3).values = ['黄文博', '男', '1992.02', good, '中共党员'];
      ws.getRow(4).values = ['周敏', '女', '1986.08', 610902198608090000, '中共党员'];
      ws.getRow(5).values = ['孙晓燕', '女', '1991.01', wrongCheck, '中共党员'];
      ws.getRow(6).values = ['马俊杰', '男', '85年3月', makeIdNumber('610902', '19880302', 113, '男'), '中共党员'];
      ws.getRow(7).values = ['郑雪梅', '女', 1993.1, makeIdNumber('610902', '19931021', 114, '女'), '中共党员'];
      ws.getRow(8).values = ['黄文博', '男', '1992.02', good, '中共党员'];
      ws.getRow(9).values = ['', '女', '1990.09', makeIdNumber('610902', '19900901', 116, '女'), '中共党员'];
      ws.getRow(10).values = ['吴海涛', '女', '1984.07', makeIdNumber('610902', '19840713', 117, '男'), '火星党'];
    });
    const snap = await snapshot();
    const preview = await s.exchange.previewRoster('bad.xlsx', bad);
    const lines = preview.errors.map((e) => `第 ${e.row} 行：${e.message}`);
    expect(lines).toEqual([
      '第 4 行：身份证号：在 Excel 中存成了数字，只保留了 15 位有效数字，末尾几位已丢失（表中为 610902198608090000）；请把该列设为文本格式后重新录入',
      `第 5 行：身份证号：校验位错误（末位应为${IDS.lu[17]}）`,
      '第 6 行：出生年月：无法识别“85年3月”（应为年月，如 1985.03、1985年3月 或 198503）',
      '第 7 行：出生年月：“1993.1”有歧义（1月还是10月？Excel 会把数字 1985.10 存成 1985.1），请把该列设为文本后填写如 1985.10',
      `第 8 行：身份证号：与第 3 行重复（${good}）`,
      '第 9 行：姓名：不能为空',
      '第 10 行：政治面貌：不是有效的政治面貌（GB/T 4762）',
      '第 10 行：性别：与身份证号中的性别（男）不一致',
    ]);
    const result = await s.exchange.importRoster(testCtx, 'bad.xlsx', bad);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(preview.errors);
    expect(result).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot()).toEqual(snap);
    expect(await s.cadres.findByIdNumber(good)).toBeNull();
  });

  it('refuses files that are not rosters with one clear message, writing nothing', async () => {
    const snap = await snapshot();
    await expect(s.exchange.importRoster(testCtx, 'x.xls', Buffer.from('d0cf11e0a1b11ae1', 'hex'))).rejects.toThrow('旧版 Excel（.xls）');
    await expect(s.exchange.importRoster(testCtx, 'x.xlsx', Buffer.from('hello'))).rejects.toThrow('不是 Excel（.xlsx）文件');
    await expect(s.exchange.importRoster(testCtx, 'x.xlsx', Buffer.from('PK\u0003\u0004broken'))).rejects.toThrow('文件已损坏');
    const noHeader = await xlsx((ws) => (ws.getRow(1).values = ['甲', '乙']));
    await expect(s.exchange.importRoster(testCtx, 'x.xlsx', noHeader)).rejects.toThrow('未找到表头行');
    const noId = await xlsx((ws) => ((ws.getRow(1).values = ['姓名', '性别']), (ws.getRow(2).values = ['张三', '男'])));
    await expect(s.exchange.importRoster(testCtx, 'x.xlsx', noId)).rejects.toThrow('缺少“身份证号”列');
    expect(await snapshot()).toEqual(snap);
  });
});

describe('roster import into a batch', () => {
  const postingRoster = (period: string) =>
    xlsx((ws) => {
      ws.getRow(1).values = ['姓名', '身份证号', '单位', '职务', '挂职单位', '挂职职务', '起止时间'];
      ws.getRow(2).values = ['刘思源', IDS.liu, '安康市商务局', '科长', '常州市商务局', '外资处副处长', period];
      ws.getRow(3).values = ['陈志刚', IDS.chen, '安康高新区管委会', '主任', '常州国家高新区管委会', '招商局副局长', '2024年3月至2025年2月'];
    });

  it('creates the postings from 挂职单位/挂职职务/起止时间', async () => {
    const batch = await s.batches.save(testCtx, { name: '第6批赴常州挂职', type: '东西部协作/对口支援', direction: '派出', startDate: '2024.03.01', endDate: '2025.02.28' });
    const bytes = await postingRoster('2024.03.15—2025.03.14');
    const preview = await s.exchange.previewRoster('r.xlsx', bytes, '第6批赴常州挂职');
    expect(preview.errors).toEqual([]);
    expect(preview.rows[0].posting).toEqual({ hostUnit: '常州市商务局', hostPost: '外资处副处长', startDate: '2024.03.15', plannedEndDate: '2025.03.14' });
    const result = await s.exchange.importRoster(testCtx, 'r.xlsx', bytes, '第6批赴常州挂职');
    expect(result).toMatchObject({ ok: true, created: 2, postings: 2 });
    const page = await s.batches.get(batch.id);
    expect(page.members.map((m) => [m.name, m.hostUnit, m.hostPost, m.startDate, m.plannedEndDate, m.originalUnit])).toEqual(
      expect.arrayContaining([
        ['刘思源', '常州市商务局', '外资处副处长', '2024.03.15', '2025.03.14', '安康市商务局'],
        ['陈志刚', '常州国家高新区管委会', '招商局副局长', '2024.03.01', '2025.02.28', '安康高新区管委会'],
      ]),
    );
    // A second import of the same roster leaves the members as they are.
    const again = await s.exchange.importRoster(testCtx, 'r.xlsx', bytes, '第6批赴常州挂职');
    expect(again).toMatchObject({ ok: true, created: 0, postings: 0 });
    expect((await s.batches.get(batch.id)).members).toHaveLength(2);
  });

  it('validates the posting columns by row even without a batch, and refuses an unknown batch', async () => {
    const bad = await postingRoster('2025.03—2024.03');
    const preview = await s.exchange.previewRoster('r.xlsx', bad);
    expect(preview.errors).toEqual([{ row: 2, message: '起止时间：结束（2024.03.31）早于开始（2025.03.01）' }]);
    expect(preview.notes.join()).toContain('未指定批次');
    const snap = await snapshot();
    await expect(s.exchange.importRoster(testCtx, 'r.xlsx', await postingRoster('2024.03—2025.02'), '不存在的批次')).rejects.toThrow('批次：未找到名为“不存在的批次”的批次');
    expect((await s.exchange.importRoster(testCtx, 'r.xlsx', bad)).ok).toBe(false);
    expect(await snapshot()).toEqual(snap);
  });

  it('undoes the whole roster when a posting is refused while writing (overlapping postings)', async () => {
    await s.batches.save(testCtx, { name: 'A批', type: '一线挂职', direction: '派出', startDate: '2024.03.01', endDate: '2025.02.28' });
    await s.batches.save(testCtx, { name: 'B批', type: '一线挂职', direction: '派出', startDate: '2024.06.01', endDate: '2025.05.31' });
    await s.exchange.importRoster(testCtx, 'r.xlsx', await postingRoster('2024.03—2025.02'), 'A批');
    const snap = await snapshot();
    const result = await s.exchange.importRoster(testCtx, 'r.xlsx', await postingRoster('2024.06—2025.05'), 'B批');
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.row)).toEqual([2, 3]);
    expect(await snapshot()).toEqual(snap);
  });
});

describe('roster export and template', () => {
  it('exports the filtered cadre list with a title row, the header, and ID numbers as text; it imports back unchanged', async () => {
    await s.exchange.importRoster(testCtx, 'r.xlsx', await everydayRoster());
    const file = await s.exchange.exportRoster({ gender: '女' });
    expect(file.fileName).toMatch(/^干部花名册_\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('共 2 人');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(ws.actualRowCount).toBe(4);
    const idCol = EXPORT_COLUMNS.findIndex((c) => c.key === 'idNumber') + 1;
    expect(typeof ws.getRow(3).getCell(idCol).value).toBe('string');

    const fresh = await tempServices();
    try {
      const back = await fresh.s.exchange.importRoster(testCtx, file.fileName, Buffer.from(file.base64, 'base64'));
      expect(back).toMatchObject({ ok: true, created: 2 });
      for (const id of [IDS.liu, IDS.lu]) {
        const a = recordOf((await s.cadres.findByIdNumber(id))!);
        const b = recordOf((await fresh.s.cadres.findByIdNumber(id))!);
        expect(b).toEqual(a);
      }
    } finally {
      await fresh.cleanup();
    }
  });

  it('offers a blank template that reads back as a roster with no people', async () => {
    const file = await s.exchange.rosterTemplate();
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toBe('挂职干部花名册');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    const preview = await s.exchange.previewRoster(file.fileName, bytes);
    expect(preview).toMatchObject({ headerRow: 2, rows: [], errors: [], ignoredColumns: [] });
    expect(preview.notes).toContain('花名册中没有人员数据');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { AppServices } from '../../electron/services/AppServices';
import { runCli } from '../helpers/runCli';
import { ID_WANG, ID_ZHANG, lrmxBytes } from '../helpers/lrmxFixtures';
import { everydayRoster, IDS, xlsx } from '../helpers/rosterFixtures';

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-exchange-cli-'));
  db = path.join(dir, 'cadre.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, bytes: Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};
const cli = (...args: string[]) => runCli(['--db', db, ...args]);
/** Counted in-process: each CLI start costs seconds on the test machines. */
const count = async () => {
  const s = await AppServices.open(db);
  try {
    return (await s.cadres.list({ pageSize: 1 })).total;
  } finally {
    await s.close();
  }
};

describe('CLI: LRMX', () => {
  it('import-lrmx reports each file, exits 1 when one failed, and --json is pure JSON', async () => {
    const good = write('张明远.lrmx', lrmxBytes());
    const bad = write('坏.lrmx', lrmxBytes({ person: { ShenFenZheng: ID_WANG.slice(0, 17) + (ID_WANG[17] === '1' ? '2' : '1') } }));
    const missing = path.join(dir, '不存在.lrmx');
    const r = cli('--json', 'import-lrmx', good, bad, missing);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.map((o: { file: string; status: string }) => [o.file, o.status])).toEqual([
      ['不存在.lrmx', 'error'],
      ['张明远.lrmx', 'created'],
      ['坏.lrmx', 'error'],
    ]);
    expect(report[1]).toMatchObject({ name: '张明远', idNumber: ID_ZHANG });
    expect(typeof report[1].cadreId).toBe('number');
    expect(report[2].errors[0]).toMatch(/^坏\.lrmx：身份证号：校验位错误/);
    expect(await count()).toBe(1);
  });

  it('import-lrmx applies an update directly and says which fields changed', () => {
    const changed = write('张明远-新.lrmx', lrmxBytes({ person: { XianRenZhiWu: '安康市发展和改革委员会主任', RenMianLiYou: '换届' } }));
    const r = cli('import-lrmx', changed);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('【更新】张明远-新.lrmx：已更新 张明远');
    expect(r.stdout).toContain('修改了 2 项：现任职务、任免理由');
    const json = JSON.parse(cli('--json', 'import-lrmx', '--dry-run', changed).stdout);
    expect(json[0]).toMatchObject({ status: 'update', changes: [] });
  });

  it('export-lrmx writes the file by 身份证号, into a folder or a named file', () => {
    const r = cli('--json', 'export-lrmx', '--cadre', ID_ZHANG, '--out', dir);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout).out;
    expect(path.basename(out)).toBe('张明远.lrmx');
    expect(fs.readFileSync(out, 'utf8')).toContain('<XianRenZhiWu>安康市发展和改革委员会主任</XianRenZhiWu>');
    expect(cli('export-lrmx', '--cadre', ID_ZHANG).status).toBe(2);
    const missing = cli('export-lrmx', '--cadre', '110105194912310021', '--out', dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('未找到身份证号为');
  });
});

describe('CLI: rosters', () => {
  it('import-roster prints the row errors and writes nothing; --json gives {row, message}', async () => {
    const before = await count();
    const bad = write(
      'bad.xlsx',
      await xlsx((ws) => {
        ws.getRow(1).values = ['姓名', '身份证号', '出生年月'];
        ws.getRow(2).values = ['周敏', 610902198608090000, '1986.08'];
        ws.getRow(3).values = ['马俊杰', makeIdNumber('610902', '19880302', 113, '男'), '85年3月'];
      }),
    );
    const human = cli('import-roster', bad);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('第 2 行：身份证号：在 Excel 中存成了数字');
    expect(human.stdout).toContain('第 3 行：出生年月：无法识别“85年3月”');
    expect(human.stdout).toContain('整个花名册未导入');
    const json = cli('--json', 'import-roster', bad);
    expect(json.status).toBe(1);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ ok: false, created: 0, updated: 0 });
    expect(result.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(await count()).toBe(before);
  });

  it('import-roster imports a good roster; export-roster and roster-template write .xlsx files', async () => {
    const good = write('good.xlsx', await everydayRoster());
    const r = cli('--json', 'import-roster', good);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, created: 4, updated: 0, errors: [] });

    const exp = cli('--json', 'export-roster', '--out', path.join(dir, 'out.xlsx'), '--gender', '女');
    expect(exp.status).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ cadres: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'out.xlsx'));
    const ids = wb.worksheets[0].getColumn(11).values.slice(3);
    expect(ids).toEqual(expect.arrayContaining([IDS.liu, IDS.lu]));

    const tpl = cli('roster-template', '--out', dir);
    expect(tpl.status).toBe(0);
    expect(fs.existsSync(path.join(dir, '挂职干部花名册模板.xlsx'))).toBe(true);
    expect(cli('import-roster', '--batch', '没有这个批次', good).stderr).toContain('未找到名为“没有这个批次”的批次');
  });
});

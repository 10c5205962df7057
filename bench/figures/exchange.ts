import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { CadreInputSchema, type CadreData } from '../../shared/cadre';
import type { NamedFile } from '../../shared/channels/exchange';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { writeLrmx } from '../../electron/exchange/lrmx/lrmxWrite';
import { EXPORT_COLUMNS } from '../../electron/exchange/roster/rosterColumns';
import { writeRosterXlsx } from '../../electron/exchange/roster/rosterWrite';
import { AppServices } from '../../electron/services/AppServices';
import { portraitJpeg } from '../../tests/helpers/makeJpeg';
import type { Figure, FigureLine } from '../Figure';

const LRMX_FILES = 100;
const ROSTER_ROWS = 5000;
const ctx = { actor: 'bench' };

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金';
const GIVEN = '明远思源佳宁晓峰雅琴志刚丽华建国文博敏海涛燕俊杰雪梅子涵一诺梓轩若溪德厚长林世荣立新红霞振华国强';

/** A complete invented file: every form field, a 7-line 简历 and two family members. */
export function benchPerson(i: number): CadreData {
  const gender = i % 2 ? '女' : '男';
  const year = 1965 + (i % 25);
  const mm = String((i % 12) + 1).padStart(2, '0');
  const dd = String((i % 28) + 1).padStart(2, '0');
  const unit = `安康市第${(i % 40) + 1}局`;
  return CadreInputSchema.parse({
    name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length],
    gender,
    birthDate: `${year}.${mm}`,
    idNumber: makeIdNumber(`61${String(900 + (i % 90)).padStart(4, '0')}`, `${year}${mm}${dd}`, i % 997, gender),
    nation: '汉族',
    nativePlace: '陕西安康',
    birthPlace: '陕西汉阴',
    politicalStatus: '中共党员',
    partyJoinDate: `${year + 21}.06`,
    workStartDate: `${year + 22}.08`,
    health: '健康',
    ftEducation: '大学',
    ftDegree: '学士',
    ftEduSchool: '西北大学经济管理学院',
    ftDegreeSchool: '西北大学经济管理学院',
    workUnit: unit,
    currentPosition: `${unit}科长`,
    resume: [
      { start: `${year + 18}.09`, end: `${year + 22}.07`, text: '西北大学经济管理学院学习' },
      { start: `${year + 22}.08`, end: `${year + 26}.12`, text: `${unit}科员` },
      { start: `${year + 24}.09`, end: `${year + 26}.07`, text: '西北大学在职研究生学习', concurrent: true },
      { start: `${year + 27}.01`, end: `${year + 30}.12`, text: `${unit}副科长` },
      { start: `${year + 31}.01`, end: null, text: `${unit}科长` },
    ],
    rewards: '2019年度嘉奖',
    annualAssessment: '近三年年度考核均为称职',
    appointmentReason: '工作需要',
    family: [
      { relation: gender === '男' ? '妻子' : '丈夫', name: '李静', birthDate: `${year}.01`, politicalStatus: '群众', workUnitAndPost: '某医院护士' },
      { relation: '儿子', name: '张一诺', birthDate: '2014.03', politicalStatus: '群众', workUnitAndPost: '学生' },
    ],
    reportingUnit: '中共安康市委组织部',
    ageCalcDate: '2024.08.15',
    fillDate: '2024.08.16',
  });
}

async function withTempDb<T>(work: (s: AppServices) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
  const s = await AppServices.open(path.join(dir, 'cadre.db'));
  try {
    return await work(s);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CADRE_COLUMNS = ['name', 'name_initials', 'name_pinyin', 'sort_key', 'gender', 'birth_date', 'id_number', 'work_unit', 'current_position', 'resume', 'family', 'created_at', 'updated_at'];
const INSERT = `INSERT INTO cadre (${CADRE_COLUMNS.join(', ')}) VALUES (${CADRE_COLUMNS.map(() => '?').join(', ')})`;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The plain way: fast-xml-parser with defaults and a raw INSERT per file (no checks, no history), one transaction each. */
async function rawLrmx(s: AppServices, files: NamedFile[]): Promise<void> {
  const parser = new XMLParser({ parseTagValue: false });
  for (const f of files) {
    const p = parser.parse(Buffer.from(f.base64, 'base64').toString('utf8')).Person;
    await s.db.write(async (m) => {
      const now = new Date().toISOString();
      await m.query(
        INSERT,
        [str(p.XingMing), '', '', '', str(p.XingBie), str(p.ChuShengNianYue), str(p.ShenFenZheng), '', str(p.XianRenZhiWu), JSON.stringify(str(p.JianLi).split('\r\n')), JSON.stringify(p.JiaTingChengYuan ?? []), now, now],
      );
      const [{ id }] = await m.query('SELECT last_insert_rowid() AS id');
      if (p.ZhaoPian) await m.query('INSERT INTO cadre_photo (cadre_id, jpeg, updated_at) VALUES (?, ?, ?)', [id, Buffer.from(str(p.ZhaoPian), 'base64'), now]);
    });
  }
}

/** The plain way: exceljs load and a raw INSERT per row, all in one transaction. */
async function rawRoster(s: AppServices, bytes: Buffer): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
  await s.db.write(async (m) => {
    const now = new Date().toISOString();
    for (let r = 3; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const v = (key: string) => str(row.getCell(col(key)).value);
      await m.query(INSERT, [v('name'), '', '', '', v('gender'), v('birthDate'), v('idNumber'), v('workUnit'), v('currentPosition'), '[]', '[]', now, now]);
    }
  });
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Imports as the issue measures them: 100 LRMX files (each with a photo, all-or-nothing per file) and a 5,000-row
 * roster (all-or-nothing as a whole), each against the plain way in the same run, in fresh databases.
 */
export const exchangeFigure: Figure = {
  name: `导入：${LRMX_FILES} 个任免审批表文件、${ROSTER_ROWS} 行花名册`,
  async run() {
    const lines: FigureLine[] = [];
    const photo = portraitJpeg(240, 320);
    const files: NamedFile[] = Array.from({ length: LRMX_FILES }, (_, i) => ({
      name: `${i}.lrmx`,
      base64: Buffer.from(writeLrmx(benchPerson(i), photo), 'utf8').toString('base64'),
    }));

    const lrmxValue = await withTempDb(async (s) => {
      const t0 = performance.now();
      const out = await s.exchange.importLrmx(ctx, files);
      const ms = performance.now() - t0;
      const failed = out.filter((o) => o.status !== 'created');
      if (failed.length) throw new Error(`基准数据导入失败：${JSON.stringify(failed[0])}`);
      return ms;
    });
    const lrmxBaseline = await withTempDb(async (s) => {
      const t0 = performance.now();
      await rawLrmx(s, files);
      return performance.now() - t0;
    });
    lines.push({
      label: `导入 ${LRMX_FILES} 个 LRMX 文件（含照片，逐个文件全有或全无）`,
      value: lrmxValue,
      baseline: lrmxBaseline,
      unit: 'ms',
      target: '< 3 s',
      pass: lrmxValue < 3000,
      detail: `共 ${sec(lrmxValue)}，平均每个文件 ${(lrmxValue / LRMX_FILES).toFixed(1)} ms；基线：fast-xml-parser 解析 + 原始 INSERT`,
    });

    const rosterBytes = await writeRosterXlsx(Array.from({ length: ROSTER_ROWS }, (_, i) => benchPerson(10_000 + i)), `基准花名册（${ROSTER_ROWS} 人）`);
    const rosterValue = await withTempDb(async (s) => {
      const t0 = performance.now();
      const r = await s.exchange.importRoster(ctx, 'bench.xlsx', rosterBytes);
      const ms = performance.now() - t0;
      if (!r.ok || r.created !== ROSTER_ROWS) throw new Error(`基准花名册导入失败：${JSON.stringify(r.errors.slice(0, 3))}`);
      return ms;
    });
    const rosterBaseline = await withTempDb(async (s) => {
      const t0 = performance.now();
      await rawRoster(s, rosterBytes);
      return performance.now() - t0;
    });
    lines.push({
      label: `导入 ${ROSTER_ROWS} 行花名册（整表全有或全无）`,
      value: rosterValue,
      baseline: rosterBaseline,
      unit: 'ms',
      target: '< 5 s',
      pass: rosterValue < 5000,
      detail: `共 ${sec(rosterValue)}（${(rosterBytes.length / 1024).toFixed(0)} KB）；基线：exceljs 读取 + 原始 INSERT`,
    });
    return lines;
  },
};

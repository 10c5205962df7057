import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectBackupArchive } from '../../electron/backup/backupArchive';
import type { AppServices } from '../../electron/services/AppServices';
import {
  baseRosterParts,
  claimingMembers,
  commentsBombXlsx,
  definedNameBombXlsx,
  dimensionBombXlsx,
  HOSTILE_PERSON,
  manyMembersXlsx,
  member,
  mergeBombXlsx,
  patchedRosterXlsx,
  sharedStringsBombXlsx,
  zerosMember,
  zipBombXlsx,
  zipOf,
} from '../helpers/hostileFiles';
import { tempServices, testCtx } from '../helpers/tempServices';

/**
 * Hostile .xlsx rosters (issue 15, item 3): each made by tests/helpers/hostileFiles.ts, each refused with a
 * message naming the limit it passed, after reading only as far as that. Elapsed time and memory are measured and
 * printed (the speed targets themselves belong to `npm run bench`); the memory bound is proven once the hard way:
 * the CLI in a child process whose heap is capped at 300 MB refuses the dimension bomb instead of dying.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let s: AppServices;
let cleanup: () => Promise<void>;
let dir: string;
const figures: string[] = [];

beforeAll(async () => ({ s, cleanup, dir } = await tempServices()));
afterAll(async () => {
  // The measured figures, for the record (the test asserts only loose bounds).
  if (figures.length) console.log(['hostile .xlsx figures:', ...figures].join('\n  '));
  await cleanup();
});

/** Runs `fn` while sampling the process's RSS; the time it took and how far RSS rose above where it started. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; ms: number; rssRiseMb: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const t = performance.now();
  const [result] = await Promise.allSettled([fn()]);
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, ms, rssRiseMb: (peak - start) / 1024 / 1024 };
}

async function expectRefused(label: string, bytes: Buffer, message: string | RegExp): Promise<void> {
  const m = await measured(() => s.exchange.previewRoster(`${label}.xlsx`, bytes));
  figures.push(`${label}: ${(bytes.length / 1024).toFixed(0)} KB, refused in ${m.ms.toFixed(0)} ms, RSS +${m.rssRiseMb.toFixed(0)} MB`);
  expect(m.result.status).toBe('rejected');
  const err = (m.result as PromiseRejectedResult).reason as { code?: string; message: string };
  expect(err.code).toBe('VALIDATION');
  if (typeof message === 'string') expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
  // Loose: the targets are 2 s and 300 MB (npm run bench); here only "nowhere near a crash".
  expect(m.rssRiseMb).toBeLessThan(300);
}

describe('hostile .xlsx rosters are refused by the limit they pass', () => {
  it('a sheet whose dimension claims 16,384 columns × 1,048,576 rows (one cell in XFD1048576)', async () => {
    const bytes = await dimensionBombXlsx();
    await expectRefused('dimension', bytes, '花名册文件过大：工作表“Sheet1”声明了 16384 列，最多支持 200 列');
    // The import takes the same road and writes nothing.
    await expect(s.exchange.importRoster(testCtx, 'dimension.xlsx', bytes)).rejects.toThrow('声明了 16384 列');
    expect((await s.cadres.list({ pageSize: 1 })).total).toBe(0);
  });

  it('far-apart cells without a dimension: a cell in column XFD, a cell in row 900,000', async () => {
    await expectRefused('far-column', await dimensionBombXlsx({ dimension: null, farCells: ['XFD3'] }), '花名册文件过大：工作表“Sheet1”的单元格 XFD3 在第 16384 列，最多支持 200 列');
    await expectRefused('far-row', await dimensionBombXlsx({ dimension: null, farCells: ['B900000'] }), /^花名册文件过大：工作表“Sheet1”用到了第 900000 行，最多支持 20000 行/);
  });

  it('a deflate zip bomb: 1,000 MB of zeros in about 1 MB, declared honestly', async () => {
    const bytes = await zipBombXlsx({ megabytes: 1000 });
    expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
    await expectRefused('zip-bomb', bytes, '花名册文件过大：部件“xl/media/image1.png”解压后有 1000 MB，最多支持 64 MB');
  });

  it('the same bomb with a central directory that says 1 MB: stopped as soon as inflating passes it', async () => {
    await expectRefused(
      'zip-bomb-lying',
      await zipBombXlsx({ megabytes: 1000, lie: true }),
      '花名册：文件已损坏或不是 Excel（.xlsx）文件，无法读取（部件“xl/media/image1.png”解压后的大小超过了目录中记载的 1.0 MB（文件损坏或被篡改））',
    );
  });

  it('a worksheet of 40 MB of zeros (under the size cap): refused for its compression ratio', async () => {
    const members = [...(await baseRosterParts())].filter(([n]) => n !== 'xl/worksheets/sheet1.xml').map(([n, b]) => member(n, b));
    members.push(await zerosMember('xl/worksheets/sheet1.xml', 40));
    await expectRefused('ratio-bomb', zipOf(members), /^花名册文件过大：部件“xl\/worksheets\/sheet1\.xml”的压缩比为 \d+ 倍，超过 100 倍的上限/);
  });

  it('a shared-strings bomb: a million distinct short strings', async () => {
    const bytes = await sharedStringsBombXlsx(1_000_000);
    await expectRefused('shared-strings', bytes, '花名册文件过大：共享字符串（sharedStrings.xml）超过了上限 500000 个');
  });

  it('a zip of 100,000 members, with a zip64 count and with a count that wrapped at 65,535', async () => {
    const message = /^花名册文件过大：压缩包中有 1000\d\d 个部件，最多支持 2000 个$/;
    await expectRefused('100k-members', await manyMembersXlsx(100_000), message);
    await expectRefused('100k-members-wrapped-count', await manyMembersXlsx(100_000, { zip64: false }), message);
  });

  it('a merge over 4 million cells, a defined name over the whole grid', async () => {
    await expectRefused('merge', await mergeBombXlsx('A3:GR20000'), '花名册文件过大：工作表“Sheet1”的合并单元格覆盖的单元格超过了上限 500000 个');
    await expectRefused('defined-name', await definedNameBombXlsx(), '花名册文件过大：工作簿中定义的名称（如“全部”）引用的单元格超过了上限 500000 个');
  });

  it('a comments part of 900,000 elements', async () => {
    await expectRefused('comments', await commentsBombXlsx(), '花名册文件过大：部件“xl/comments1.xml”中的 XML 元素超过了上限 400000 个');
  });

  it('a real roster with what real files carry — a whole-column drop-down, widths to XFD — still imports', async () => {
    const bytes = await patchedRosterXlsx({
      sheet: (xml) =>
        xml
          .replace('<sheetData>', '<cols><col min="1" max="3" width="14" customWidth="1"/><col min="4" max="16384" width="9" hidden="1"/></cols><sheetData>')
          .replace('</sheetData>', '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="C2:C1048576"><formula1>"安康市统计局,安康市财政局"</formula1></dataValidation></dataValidations>'),
    });
    const m = await measured(() => s.exchange.previewRoster('real.xlsx', bytes));
    figures.push(`real roster with a whole-column drop-down: read in ${m.ms.toFixed(0)} ms, RSS +${m.rssRiseMb.toFixed(0)} MB`);
    expect(m.result.status).toBe('fulfilled');
    const preview = (m.result as PromiseFulfilledResult<Awaited<ReturnType<AppServices['exchange']['previewRoster']>>>).value;
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => r.person.idNumber)).toEqual([HOSTILE_PERSON.idNumber]);
  });
});

describe('a .cdbak backup whose directory claims five million members', () => {
  it('is refused before one entry is read, with the same count check', async () => {
    const file = path.join(dir, '伪造.cdbak');
    fs.writeFileSync(file, claimingMembers([member('manifest.json', '{}'), member('database/cadre.db', 'x')], 5_000_000));
    await expect(inspectBackupArchive(file)).rejects.toThrow('备份文件“伪造.cdbak”无法使用：压缩包中有 5000000 个部件，最多支持 1000000 个');
  });
});

describe('CLI import-roster with a 300 MB heap', () => {
  it('refuses the dimension bomb with one Chinese line and exit code 1, and does not run out of memory', async () => {
    const file = path.join(dir, '花名册.xlsx');
    fs.writeFileSync(file, await dimensionBombXlsx());
    const timeOut = path.join(dir, 'time.txt');
    const hasTime = fs.existsSync('/usr/bin/time');
    const node = [process.execPath, '--max-old-space-size=300', '--import', 'tsx', path.join(ROOT, 'electron', 'cli', 'main.ts'), '--db', path.join(dir, 'cli.db'), 'import-roster', file];
    const t = performance.now();
    const r = hasTime
      ? spawnSync('/usr/bin/time', ['-v', '-o', timeOut, ...node], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CADRE_DESK_DB_PASSWORD: '' } })
      : spawnSync(node[0], node.slice(1), { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CADRE_DESK_DB_PASSWORD: '' } });
    const ms = performance.now() - t;
    const maxRss = hasTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeOut, 'utf8'))?.[1] ?? NaN) / 1024 : NaN;
    figures.push(`CLI import-roster (dimension bomb, --max-old-space-size=300): exit ${r.status} in ${ms.toFixed(0)} ms (with tsx start-up), max RSS ${maxRss.toFixed(0)} MB`);
    expect(r.stderr).not.toMatch(/heap out of memory|\n\s+at /);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['错误：花名册文件过大：工作表“Sheet1”声明了 16384 列，最多支持 200 列']);
  }, 90_000);
});

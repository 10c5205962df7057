import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { VerifyReport } from '../../../shared/archive';
import { BACKUP_COUNT_LABELS } from '../../../shared/backup';
import { AppError, conflict, notFound } from '../../../shared/errors';
import { ledgerKeyPath } from '../../archive/ledgerKey';
import { decryptBytes } from '../../crypto/dataKey';
import { PG_WRITE_LOCK } from '../../db/Database';
import { serverName } from '../../db/target';
import { evidenceRelativePath, evidenceRootFor, locateEvidence, writeAtomically } from '../../services/EvidenceStore';
import { AppServices } from '../../services/AppServices';
import { UsageError, type CliContext } from '../CliContext';
import type { CliCommand } from './CliCommand';

const USAGE = '用法：migrate-to-server --from 单机数据库文件 --pg postgres://用户@主机:端口/库名 --data 服务器数据文件夹 [--yes]';

/** Tables the copy leaves alone: each engine's own migration bookkeeping (the server keeps its own). */
const NOT_COPIED = new Set(['migrations', 'typeorm_metadata']);

/** Tables whose rows mean a server database is in use (a fresh one has only the rows its migrations seed). */
const DATA_TABLES = ['cadre', 'batch', 'posting', 'assessment_record', 'work_result', 'growth_evaluation', 'archive_ledger', 'audit_log', 'user_account'];

/** The data tables in words, for the refusal (the backup page's names). */
const TABLE_LABELS: Readonly<Record<string, string>> = { ...BACKUP_COUNT_LABELS, audit_log: '操作日志', user_account: '账号' };

/** What `migrate-to-server --json` prints. */
export interface MigrationReport {
  ok: boolean;
  /** Rows per table on the server after the copy (equal to the desktop database's when ok). */
  tables: Record<string, number>;
  /** Evidence files copied into the server's evidence store. */
  evidence: number;
  /** `verify` on the server. */
  verify: VerifyReport;
  /** Tables whose row counts differ (desktop → server); empty when ok. */
  countMismatches: { table: string; desktop: number; server: number }[];
  /** Evidence files the desktop database names but that were missing on its disk. */
  missingEvidence: string[];
}

/**
 * `migrate-to-server --from cadre.db --pg URL --data DIR [--yes]`: copies a desktop database to a database on a
 * PostgreSQL server — every table with its ids, the photos, the archive ledger and the audit log (their signed heads
 * verify with the same ledger key, copied into DIR), the evidence files into DIR's evidence store — in one
 * transaction on the server, then checks rows per table and runs `verify` on the server. A server database that
 * already holds data is replaced only with `--yes`. Exit 1 when the check finds a difference.
 */
export const migrateToServerCommand: CliCommand = {
  name: 'migrate-to-server',
  summary: 'migrate-to-server --from 单机数据库文件 --pg 服务器地址 --data 服务器数据文件夹 [--yes] — 把单机数据库（全部数据、照片、佐证材料、归档账本与操作日志）迁移到数据库服务器并核对；服务器上已有数据时须加 --yes 才替换',
  async run(cli, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, yes: { type: 'boolean' } } });
    if (positionals.length) throw new UsageError(`多余的参数“${positionals[0]}”；${USAGE}`);
    if (!cli.server) throw new UsageError(`请用 --pg 指定数据库服务器、--data 指定服务器的数据文件夹；${USAGE}`);
    if (!values.from) throw new UsageError(`请用 --from 指定要迁移的单机数据库文件；${USAGE}`);
    const from = path.resolve(values.from);
    if (!fs.existsSync(from)) throw notFound(`单机数据库文件不存在：${from}`);
    const report = await migrateToServer(cli, from, { replace: values.yes === true });
    if (!report.ok) cli.exitCode = 1;
    cli.result(report, () =>
      [
        report.ok ? `迁移完成：${cli.target} 与单机数据库核对一致` : '迁移后核对未通过：',
        ...report.countMismatches.map((m) => `  数据表 ${m.table}：单机 ${m.desktop} 行，服务器 ${m.server} 行`),
        `已核对归档记录 ${report.verify.checked} 份：${report.verify.mismatches.length + report.verify.missing.length ? '有不一致' : '全部一致'}`,
        `归档账本 ${report.verify.ledger.entries} 条：${report.verify.ledger.ok ? '完整' : `${report.verify.ledger.problems.length} 处问题`}`,
        `操作日志 ${report.verify.audit.entries} 条：${report.verify.audit.ok ? '完整' : `${report.verify.audit.problems.length} 处问题`}`,
        `佐证材料 ${report.evidence} 个${report.missingEvidence.length ? `（另有 ${report.missingEvidence.length} 个在单机上已缺失）` : ''}`,
      ].join('\n'),
    );
  },
};

async function migrateToServer(cli: CliContext, from: string, options: { replace: boolean }): Promise<MigrationReport> {
  const { url, dataDir } = cli.server!;
  const anchor = path.join(dataDir, 'cadre.db');
  const where = serverName(url);
  const progress = (line: string) => cli.say(line);

  progress(`打开单机数据库 ${from}`);
  const source = await cli.openFile(from);
  try {
    await cli.signIn(source);
    const before = await source.archives.verify();
    if (!before.ok)
      throw conflict('单机数据库的核验未通过（归档记录、归档账本或操作日志有问题），未迁移：请先运行 verify 查明原因，必要时从备份恢复');

    progress(`检查数据库服务器 ${where}`);
    await refuseServerInUse(url, where, options.replace);
    // The server database gets the app's schema (its own migrations), then is closed again: the copy is one transaction of its own.
    const created = await AppServices.open(url, { dataDir });
    await created.close();

    const missingEvidence: string[] = [];
    const evidence = await copyEvidence(source, from, anchor, missingEvidence, progress);

    const desktop = await source.db.read((m) => copyTables(m, url, progress));

    progress('复制归档账本密钥');
    const key = ledgerKeyPath(from);
    if (!fs.existsSync(key)) throw new AppError('CONFLICT', `单机数据库的归档账本密钥文件缺失（${key}），不能迁移：请从备份中恢复该文件`);
    writeAtomically(ledgerKeyPath(anchor), fs.readFileSync(key));

    progress('核对服务器上的数据');
    const server = await AppServices.open(url, { dataDir });
    try {
      const tables = await countRows(server.db.manager);
      const countMismatches = Object.keys({ ...desktop, ...tables })
        .filter((t) => desktop[t] !== tables[t])
        .map((t) => ({ table: t, desktop: desktop[t] ?? 0, server: tables[t] ?? 0 }));
      const verify = await server.archives.verify();
      return { ok: countMismatches.length === 0 && verify.ok, tables, evidence, verify, countMismatches, missingEvidence };
    } finally {
      await server.close();
    }
  } finally {
    await source.close();
  }
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'cadre-desk-migrate' });
  try {
    await c.connect();
  } catch (err) {
    throw new AppError('STORAGE', `无法连接数据库服务器 ${serverName(url)}：${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
  try {
    return await work(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Refuses a server database that already holds data, unless `--yes` says to replace it. */
async function refuseServerInUse(url: string, where: string, replace: boolean): Promise<void> {
  const inUse = await withClient(url, async (c) => {
    const found: string[] = [];
    for (const t of DATA_TABLES) {
      const exists = (await c.query(`SELECT to_regclass($1) AS r`, [q(t)])).rows[0].r;
      if (!exists) continue;
      const n = Number((await c.query(`SELECT COUNT(*) AS n FROM ${q(t)}`)).rows[0].n);
      if (n) found.push(`${TABLE_LABELS[t] ?? t} ${n}`);
    }
    return found;
  });
  if (inUse.length && !replace)
    throw conflict(`数据库服务器 ${where} 上的数据库已有数据（${inUse.join('，')}），未迁移：迁移会用单机数据库的数据全部替换它们。确认无误后加 --yes 再运行一次`);
}

/** Every evidence file the desktop database names, decrypted if need be, into the server's evidence store. */
async function copyEvidence(source: AppServices, from: string, anchor: string, missing: string[], progress: (line: string) => void): Promise<number> {
  const rows = (await source.db.manager.query(`SELECT DISTINCT sha256, ext FROM evidence_file`)) as { sha256: string; ext: string }[];
  if (rows.length) progress(`复制佐证材料 ${rows.length} 个`);
  const root = evidenceRootFor(anchor);
  let copied = 0;
  for (const { sha256, ext } of rows) {
    const rel = evidenceRelativePath(sha256, ext);
    const file = locateEvidence(from, sha256, ext);
    if (!file) {
      missing.push(rel);
      continue;
    }
    const plain = decryptBytes(source.keys.fileKey, fs.readFileSync(file));
    if (createHash('sha256').update(plain).digest('hex') !== sha256)
      throw new AppError('CONFLICT', `佐证材料文件与其记录的 SHA-256 不符（${file}），未迁移：请从备份中恢复该文件`);
    const target = path.join(root, rel);
    if (!fs.existsSync(target)) writeAtomically(target, plain);
    copied++;
  }
  if (missing.length) progress(`注意：${missing.length} 个佐证材料文件在单机上已缺失，未能复制`);
  return copied;
}

/** Rows per table (the copied ones), through the app's own read connection. */
async function countRows(m: EntityManager): Promise<Record<string, number>> {
  const tables = (
    (await m.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)) as { name: string }[]
  )
    .map((r) => r.name)
    .filter((t) => !NOT_COPIED.has(t));
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await m.query(`SELECT COUNT(*) AS n FROM ${q(t)}`))[0].n);
  return out;
}

/**
 * Copies every table of the desktop database (read through `m`, one snapshot) into the server database, in one
 * transaction under the app's write lock: the foreign keys set aside and the user triggers (archive guards, the
 * append-only ledger and log) disabled meanwhile, the rows the server's migrations seeded replaced, ids kept, every
 * foreign key checked again when it is put back, and each id sequence set past the largest id used (or SQLite's
 * AUTOINCREMENT counter, where higher). Returns the desktop's rows per table.
 */
async function copyTables(m: EntityManager, url: string, progress: (line: string) => void): Promise<Record<string, number>> {
  const sourceTables = ((await m.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)) as { name: string }[])
    .map((r) => r.name)
    .filter((t) => !NOT_COPIED.has(t));
  const autoincrement = new Map<string, number>(
    ((await m.query(`SELECT name, seq FROM sqlite_sequence`).catch(() => [])) as { name: string; seq: number }[]).map((r) => [r.name, Number(r.seq)]),
  );
  const counts: Record<string, number> = {};
  await withClient(url, async (c) => {
    const targetTables = (
      await c.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
    ).rows
      .map((r: { name: string }) => r.name)
      .filter((t: string) => !NOT_COPIED.has(t));
    const onlyDesktop = sourceTables.filter((t) => !targetTables.includes(t));
    const onlyServer = targetTables.filter((t: string) => !sourceTables.includes(t));
    if (onlyDesktop.length || onlyServer.length)
      throw new AppError(
        'CONFLICT',
        `单机数据库与服务器数据库的结构不一致（${[...onlyDesktop.map((t) => `只有单机有 ${t}`), ...onlyServer.map((t: string) => `只有服务器有 ${t}`)].join('，')}），未迁移：请确认两边使用同一版本的程序`,
      );

    await c.query('BEGIN');
    try {
      await c.query('SELECT pg_advisory_xact_lock($1)', [PG_WRITE_LOCK]);
      const fks = (
        await c.query(
          `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
        )
      ).rows as { tbl: string; name: string; def: string }[];
      for (const fk of fks) await c.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${q(fk.name)}`);
      for (const t of targetTables) {
        await c.query(`ALTER TABLE ${q(t)} DISABLE TRIGGER USER`);
        await c.query(`DELETE FROM ${q(t)}`);
      }

      for (const t of sourceTables) {
        const types = new Map<string, string>(
          (
            await c.query(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [t])
          ).rows.map((r: { name: string; type: string }) => [r.name, r.type]),
        );
        const columns = ((await m.query(`PRAGMA table_info(${q(t)})`)) as { name: string }[]).map((col) => col.name);
        const unknown = columns.filter((col) => !types.has(col));
        if (unknown.length) throw new AppError('CONFLICT', `服务器数据库的数据表 ${t} 缺少列 ${unknown.join('、')}，未迁移：请确认两边使用同一版本的程序`);
        const perInsert = Math.max(1, Math.floor(30_000 / columns.length));
        let last = -Infinity;
        let n = 0;
        for (;;) {
          const rows = (await m.query(`SELECT rowid AS "__cd_rowid", * FROM ${q(t)} WHERE rowid > ? ORDER BY rowid LIMIT ${perInsert}`, [
            Number.isFinite(last) ? last : -9007199254740991,
          ])) as Record<string, unknown>[];
          if (!rows.length) break;
          last = Number(rows[rows.length - 1].__cd_rowid);
          const params: unknown[] = [];
          const tuples = rows.map((row) => `(${columns.map((col) => (params.push(toServerValue(row[col], types.get(col)!)), `$${params.length}`)).join(', ')})`);
          try {
            await c.query(`INSERT INTO ${q(t)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, params);
          } catch (err) {
            throw new AppError('STORAGE', `复制数据表 ${t} 时出错，服务器数据库未改变：${String((err as Error).message).split('\n')[0]}`);
          }
          n += rows.length;
        }
        counts[t] = n;
        progress(`已复制 ${t}：${n} 行`);
      }

      for (const t of targetTables) await c.query(`ALTER TABLE ${q(t)} ENABLE TRIGGER USER`);
      for (const fk of fks) {
        try {
          await c.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${q(fk.name)} ${fk.def}`);
        } catch (err) {
          throw new AppError('CONFLICT', `单机数据库中有引用不存在的记录（${fk.tbl} 的 ${fk.name}），未迁移，服务器数据库未改变：${String((err as Error).message).split('\n')[0]}`);
        }
      }
      const serials = (
        await c.query(
          `SELECT table_name AS tbl, column_name AS col, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq FROM information_schema.columns WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
        )
      ).rows as { tbl: string; col: string; seq: string | null }[];
      for (const s of serials) {
        if (!s.seq || NOT_COPIED.has(s.tbl)) continue;
        const max = Number((await c.query(`SELECT COALESCE(MAX(${q(s.col)}), 0) AS n FROM ${q(s.tbl)}`)).rows[0].n);
        await c.query(`SELECT setval($1, $2, false)`, [s.seq, Math.max(max, autoincrement.get(s.tbl) ?? 0) + 1]);
      }
      // Where a desktop put its backups (a folder of that PC) means nothing on the server: its data folder's backups/.
      await c.query(`UPDATE app_setting SET value = '""' WHERE key = 'backupFolder'`);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  return counts;
}

/** A desktop value as the server's column type takes it (SQLite's loose typing: numbers in text columns and the like). */
function toServerValue(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'bytea') return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
  if (type === 'text' || type.startsWith('character')) return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  if (type === 'integer' || type === 'bigint' || type === 'smallint' || type === 'double precision' || type === 'numeric' || type === 'real') {
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  }
  if (type === 'boolean') return v === 1 || v === '1' || v === true;
  return v;
}

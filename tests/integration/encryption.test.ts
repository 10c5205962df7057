import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractBackupArchive } from '../../electron/backup/backupArchive';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { AppServices } from '../../electron/services/AppServices';
import { postingWithRecords } from '../helpers/documentFixtures';
import { refusalMessage } from '../helpers/refusal';
import { runCli } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';
import { describeSqliteOnly } from '../helpers/testDb';

type Env = Awaited<ReturnType<typeof tempServices>>;

const ID = makeIdNumber('610902', '19860412', 117, '男');
const NAME = '韩立新';
const PASSWORD = 'anKang2026';

/** A file with an archived 年度考核 and a result with an evidence file, and a plain backup made before encryption. */
async function seed(s: AppServices) {
  const { postingId, cadreId } = await postingWithRecords(s, {
    input: { name: NAME, gender: '男', birthDate: '1986.04', idNumber: ID, workUnit: '安康市商务局' },
    annual: [{ year: 2026, grade: '优秀', state: '已归档' }],
  });
  const r = await s.ledger.save(testCtx, { postingId, category: '招商引资', title: '签约项目', date: '2026.06.18', amount: 100 });
  const ev = await s.ledger.addEvidence(testCtx, { resultId: r.id, fileName: '协议.pdf', base64: Buffer.from(`%PDF-1.4 协议 ${ID}`).toString('base64') });
  const plainBackup = await s.backups.backup(testCtx);
  return { cadreId, evidenceId: ev.id, plainBackup };
}

/** Every file under `dir`, backups unpacked (their members are compressed, so their bytes alone prove nothing). */
function everyFile(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.push({ file: path.join(e.parentPath, e.name), bytes: fs.readFileSync(path.join(e.parentPath, e.name)) });
  return out;
}

async function unpackedBackups(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const f of everyFile(dir).filter((x) => x.file.endsWith('.cdbak'))) {
    const to = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-unpacked-'));
    await extractBackupArchive(f.file, to);
    out.push(...everyFile(to).map((x) => ({ ...x, file: `${path.basename(f.file)}:${path.relative(to, x.file)}` })));
    fs.rmSync(to, { recursive: true, force: true });
  }
  return out;
}

describeSqliteOnly('encryption at rest', 'SQLCipher 加密本机数据库文件', () => {
  let env: Env;
  beforeEach(async () => {
    env = await tempServices();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('turns encryption on: database, evidence and every backup unreadable without the password; the app works as before', async () => {
    const { cadreId, evidenceId } = await seed(env.s);
    // Before: the plain database shows the 身份证号 — the check below can fail.
    expect(everyFile(env.dir).some((f) => f.bytes.includes(Buffer.from(ID)))).toBe(true);

    expect(await refusalMessage(env.s.encryption.enable(testCtx, 'short1'))).toBe('数据库密码：至少8个字符');
    expect(await refusalMessage(env.s.encryption.enable(testCtx, 'onlyletters'))).toBe('数据库密码：须同时包含字母和数字');
    const r = await env.s.encryption.enable(testCtx, PASSWORD);
    expect(r.encryptedBackups).toBe(1);
    expect(env.s.encryption.status()).toEqual({ encrypted: true });

    const head = fs.readFileSync(env.s.dbFile).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    const files = [...everyFile(env.dir), ...(await unpackedBackups(env.dir))];
    expect(files.length).toBeGreaterThan(6);
    const leaks = files.filter((f) => f.bytes.includes(Buffer.from(ID)) || f.bytes.includes(Buffer.from(NAME)));
    expect(leaks.map((f) => f.file)).toEqual([]);

    // The open services keep working on the encrypted file.
    expect((await env.s.cadres.get(cadreId)).idNumber).toBe(ID);
    expect(Buffer.from((await env.s.ledger.evidenceContent(evidenceId)).base64, 'base64').toString()).toBe(`%PDF-1.4 协议 ${ID}`);
    expect((await env.s.archives.verify()).ok).toBe(true);
    expect(await refusalMessage(env.s.encryption.enable(testCtx, PASSWORD))).toContain('数据库已经加密');
    // The encrypted evidence file opens with the system viewer through a decrypted temporary copy.
    const viewable = await env.s.ledger.evidencePath(evidenceId);
    expect(fs.readFileSync(viewable.path).toString()).toBe(`%PDF-1.4 协议 ${ID}`);
    expect(viewable.path.startsWith(env.dir)).toBe(false);
  });

  it('asks for the password on open: none, a wrong one and the right one', async () => {
    await seed(env.s);
    await env.s.encryption.enable(testCtx, PASSWORD);
    await env.s.close();
    await expect(AppServices.open(env.s.dbFile)).rejects.toMatchObject({ code: 'LOCKED', message: '数据库已加密：请输入数据库密码' });
    await expect(AppServices.open(env.s.dbFile, { password: 'wrong1234' })).rejects.toMatchObject({ code: 'VALIDATION', message: '数据库密码：密码不正确' });
    const s = await AppServices.open(env.s.dbFile, { password: PASSWORD });
    try {
      expect((await s.cadres.list({})).items.map((c) => c.name)).toEqual([NAME]);
      expect((await s.archives.verify()).ok).toBe(true);
    } finally {
      await s.close();
    }
    // The CLI takes the password from the environment, and says how when it is missing.
    const locked = runCli(['--db', env.s.dbFile, '--json', 'list', 'cadres']);
    expect(locked.status).not.toBe(0);
    expect(locked.stderr).toContain('CADRE_DESK_DB_PASSWORD');
    const ok = runCli(['--db', env.s.dbFile, '--json', 'list', 'cadres'], { CADRE_DESK_DB_PASSWORD: PASSWORD });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).map((c: { idNumber: string }) => c.idNumber)).toEqual([ID]);
  });

  it('changes the password: the old one no longer opens it; a backup keeps the password it was made with', async () => {
    const { evidenceId } = await seed(env.s);
    await env.s.encryption.enable(testCtx, PASSWORD);
    const before = await env.s.backups.backup(testCtx);
    expect(await refusalMessage(env.s.encryption.changePassword(testCtx, 'notIt1234', 'newPass2027'))).toBe('当前密码：密码不正确');
    expect(await refusalMessage(env.s.encryption.changePassword(testCtx, PASSWORD, 'abc'))).toBe('新密码：至少8个字符');
    await env.s.encryption.changePassword(testCtx, PASSWORD, 'newPass2027');
    expect(Buffer.from((await env.s.ledger.evidenceContent(evidenceId)).base64, 'base64').toString()).toContain('协议');

    // Restoring the older backup needs its own (old) password.
    expect(await refusalMessage(env.s.backups.restore(testCtx, before.file))).toBe('该备份已加密：请输入备份时使用的数据库密码');
    expect(await refusalMessage(env.s.backups.restore(testCtx, before.file, { password: 'newPass2027' }))).toContain('备份密码：密码不正确');
    await env.s.cadres.remove(testCtx, 1);
    await env.s.backups.restore(testCtx, before.file, { password: PASSWORD });
    expect((await env.s.cadres.get(1)).deletedAt).toBeFalsy();
    expect(Buffer.from((await env.s.ledger.evidenceContent(evidenceId)).base64, 'base64').toString()).toContain('协议');
    expect((await env.s.archives.verify()).ok).toBe(true);
    await env.s.close();

    await expect(AppServices.open(env.s.dbFile, { password: PASSWORD })).rejects.toMatchObject({ message: '数据库密码：密码不正确' });
    const s = await AppServices.open(env.s.dbFile, { password: 'newPass2027' });
    expect((await s.cadres.list({})).total).toBe(1);
    await s.close();
  });
});

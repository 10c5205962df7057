import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/demo/loadDemo';
import type { AppServices } from '../../electron/services/AppServices';
import { cliDbArgs } from '../helpers/runCli';
import { tempServices, testCtx } from '../helpers/tempServices';

let s: AppServices;
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ s, dir, cleanup } = await tempServices());
});
afterEach(() => cleanup());

describe('demo batches and postings', () => {
  it('loads two batches with postings in several states once; loading again adds nothing', async () => {
    const first = await loadDemo(s, testCtx);
    expect(first.batches).toBe(2);
    expect(first.postings).toBeGreaterThanOrEqual(10);
    const auditCount = async () => Number((await s.db.manager.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
    const before = await auditCount();
    expect(await loadDemo(s, testCtx)).toEqual({ cadres: 0, batches: 0, postings: 0 });
    expect(await auditCount()).toBe(before);

    const batches = await s.batches.list();
    expect(batches.map((b) => b.type).sort()).toEqual(['一线挂职', '东西部协作/对口支援']);
    for (const b of batches) {
      const page = await s.batches.get(b.id);
      expect(page.members.length).toBe(b.memberCount);
      expect(page.subGroups.length).toBeGreaterThan(0);
      expect(page.meetings.length).toBeGreaterThan(0);
      expect(page.leaderName).toBeTruthy();
    }
    const statuses: string[] = (await s.db.manager.query('SELECT DISTINCT status FROM posting')).map((r: { status: string }) => r.status);
    expect(statuses.sort()).toEqual(['在岗', '延期', '拟派', '提前结束（召回）', '期满'].sort());
    const directions: string[] = (await s.db.manager.query('SELECT DISTINCT direction FROM posting')).map((r: { direction: string }) => r.direction);
    expect(directions.sort()).toEqual(['接收', '派出'].sort());
    const recalled = await s.db.manager.query(`SELECT reason FROM posting_status_change WHERE to_status = '提前结束（召回）'`);
    expect(recalled[0].reason).toBeTruthy();

    const r = await s.postings.reminders({ today: '2026.11.22' });
    expect(r.endingSoon.length).toBeGreaterThan(0);
    expect(r.overdue.length).toBeGreaterThan(0);
    expect(r.withoutMentors.length).toBeGreaterThan(0);
  });

  it('lists batches through the CLI as pure JSON with id, name and memberCount', async () => {
    await loadDemo(s, testCtx);
    const expected = (await s.batches.list()).map((b) => ({ id: b.id, name: b.name, memberCount: b.memberCount }));
    await s.close();
    const root = path.resolve(__dirname, '../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'electron/cli/main.ts'), ...cliDbArgs(path.join(dir, 'cadre.db')), '--json', 'list', 'batches'],
      { cwd: root },
    );
    const items = JSON.parse(stdout) as { id: number; name: string; memberCount: number }[];
    expect(items.map(({ id, name, memberCount }) => ({ id, name, memberCount }))).toEqual(expected);
    expect(items.every((b) => b.memberCount > 0)).toBe(true);
  });
});

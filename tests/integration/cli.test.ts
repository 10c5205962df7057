import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';

describe('CLI: init, demo, list cadres', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-cli-'));
    db = path.join(dir, 'sub', 'cadre.db');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('init creates and migrates the database file', () => {
    const r = runCli(['--db', db, 'init']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('数据库已就绪');
    expect(fs.existsSync(db)).toBe(true);
  });

  it('demo fills at least 10 invented cadres, and loading twice adds none', () => {
    const first = runCli(['--db', db, '--json', 'demo']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).cadres).toBeGreaterThanOrEqual(10);
    const again = runCli(['--db', db, '--json', 'demo']);
    expect(JSON.parse(again.stdout).cadres).toBe(0);
  });

  it('list cadres --json prints only a JSON array with id, name, idNumber', () => {
    const r = runCli(['--db', db, 'list', 'cadres', '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) expect(row).toEqual(expect.objectContaining({ id: expect.any(Number), name: expect.any(String), idNumber: expect.stringMatching(/^\d{17}[\dX]$/) }));
  });

  it('list cadres --query uses the same search as the app (pinyin initials)', () => {
    const r = runCli(['--db', db, '--json', 'list', 'cadres', '--query', 'lmy']);
    expect(JSON.parse(r.stdout).map((c: { name: string }) => c.name)).toEqual(['李明远']);
  });

  it('bad input: non-zero exit, one Chinese line on stderr, {"error"} on stdout with --json', () => {
    const r = runCli(['--db', db, '--json', 'list', 'people']);
    expect(r.status).not.toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ error: expect.stringContaining('cadres') });
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('错误'))).toHaveLength(1);
    const unknown = runCli(['--db', db, 'frobnicate']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('未知命令“frobnicate”');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppServices } from '../../electron/services/AppServices';
import type { ServiceContext } from '../../electron/services/ServiceContext';
import { createTestDatabase, onPostgres, registerServerDatabase } from './testDb';

/**
 * A real SQLite file in a fresh temp folder, migrated like a user's database — or, with CADRE_DESK_TEST_DB=postgres,
 * a fresh database on the test PostgreSQL server (dropped at cleanup) with the temp folder as its data folder.
 */
export async function tempServices(): Promise<{ s: AppServices; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-test-'));
  if (onPostgres) {
    const db = await createTestDatabase();
    const s = await AppServices.open(db.url, { dataDir: dir }).catch(async (err) => {
      await db.drop();
      throw err;
    });
    registerServerDatabase(s.dbFile, db.url);
    return {
      s,
      dir,
      cleanup: async () => {
        await s.close();
        await db.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const s = await AppServices.open(path.join(dir, 'cadre.db'));
  return {
    s,
    dir,
    cleanup: async () => {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const testCtx: ServiceContext = { actor: '测试员' };

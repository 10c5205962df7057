import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppServices } from '../../electron/services/AppServices';
import type { ServiceContext } from '../../electron/services/ServiceContext';

/** A real SQLite file in a fresh temp folder, migrated like a user's database. */
export async function tempServices(): Promise<{ s: AppServices; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-desk-test-'));
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppServices } from '../../electron/services/AppServices';
import { generateCadres } from '../generate';
import { generateRecords } from '../generateRecords';
import type { Figure } from '../Figure';

const CADRES = 10_000;
const ctx = { actor: 'bench' };

/**
 * Backup and restore at provincial scale (10,000 cadre files, 200,000 考核记录, 100,000 工作实绩): the online backup
 * (snapshot, manifest, SHA-256 of every member) and the checked restore, against copying the database file.
 */
export const backupFigure: Figure = {
  name: `数据备份与恢复（${CADRES.toLocaleString('en')} 份档案、200,000 条考核记录）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      await generateCadres(s, CADRES);
      await generateRecords(s, { postings: 2_000, perBatch: 50, recordsPerPosting: 100, resultsPerPosting: 50 });
      await s.db.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      const size = fs.statSync(s.dbFile).size;

      const t0 = performance.now();
      const b = await s.backups.backup(ctx, { out: path.join(dir, 'bench.cdbak') });
      const backupMs = performance.now() - t0;
      const t1 = performance.now();
      fs.copyFileSync(s.dbFile, path.join(dir, 'copy.db'));
      const copyMs = performance.now() - t1;

      const t2 = performance.now();
      await s.backups.restore(ctx, b.file);
      const restoreMs = performance.now() - t2;
      const t3 = performance.now();
      fs.copyFileSync(path.join(dir, 'copy.db'), path.join(dir, 'copy-back.db'));
      const copyBackMs = performance.now() - t3;
      const restored = await s.cadres.list({ pageSize: 1 });
      if (restored.total !== b.counts.cadre) throw new Error(`恢复后档案数 ${restored.total}，备份中 ${b.counts.cadre}`);

      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      return [
        {
          label: '备份（快照 + 清单与逐项 SHA-256 + 打包）',
          value: backupMs,
          baseline: copyMs,
          unit: 'ms',
          target: '< 10 s',
          pass: backupMs < 10_000,
          detail: `数据库 ${mb(size)}，备份文件 ${mb(b.size)}；基线：直接复制数据库文件`,
        },
        {
          label: '恢复（校验、完整性检查与归档核验、恢复前备份、写入）',
          value: restoreMs,
          baseline: copyBackMs,
          unit: 'ms',
          target: '< 20 s',
          pass: restoreMs < 20_000,
          detail: `恢复后 ${restored.total} 份档案；基线：直接复制数据库文件`,
        },
      ];
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

// `npm test`: typecheck, unit + integration tests (vitest on real SQLite files), the integration tests again on a
// throwaway PostgreSQL where it is installed, then end-to-end tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgBinDir } from './pgTestCluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** PostgreSQL's initdb is here (Debian's postgresql package): then the integration suite runs on it too. */
function hasPostgres() {
  const dir = pgBinDir();
  if (dir) return fs.existsSync(path.join(dir, 'initdb'));
  return spawnSync('initdb', ['--version'], { stdio: 'ignore' }).status === 0;
}

const steps = [
  ['类型检查 typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['单元与集成测试 unit + integration', npx, ['vitest', 'run']],
];
// The same integration suite once more on a throwaway PostgreSQL server (the department server's engine).
if (hasPostgres()) steps.push(['集成测试（PostgreSQL）integration on PostgreSQL', process.execPath, [path.join(root, 'scripts', 'pgTestCluster.mjs'), '--test']]);
else console.log('\n!!! 未找到 PostgreSQL（initdb），跳过服务器数据库上的集成测试；安装：sudo apt-get install -y postgresql\n');
// With PostgreSQL at hand the e2e run gets a throwaway server too: the two-clerk conflict test then also runs against
// `npm run server` on it (without, that one test skips and says so).
const e2e = [path.join(root, 'scripts', 'e2e.mjs')];
steps.push(['端到端测试 e2e', process.execPath, hasPostgres() ? [path.join(root, 'scripts', 'pgTestCluster.mjs'), '--', process.execPath, ...e2e] : e2e]);
for (const [label, cmd, args] of steps) {
  console.log(`\n=== ${label}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} 失败（退出码 ${r.status}）`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${label}（${((Date.now() - t0) / 1000).toFixed(1)} s）`);
}

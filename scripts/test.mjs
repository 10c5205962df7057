// `npm test`: typecheck, unit + integration tests (vitest on real SQLite files), then end-to-end tests.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps = [
  ['类型检查 typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['单元与集成测试 unit + integration', npx, ['vitest', 'run']],
  ['端到端测试 e2e', process.execPath, [path.join(root, 'scripts', 'e2e.mjs')]],
];
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

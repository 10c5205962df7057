// End-to-end tests: the browser host driven by Debian's Chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n端到端测试需要 Chromium，但没有找到：${chromium}\nEnd-to-end tests need Chromium and it is missing at ${chromium}.\n安装 / install:  sudo apt-get install -y chromium   (或设置 CHROMIUM_PATH 指向已安装的 Chromium)\n${bar}\n`);
  process.exit(1);
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (!fs.existsSync(path.join(root, 'out', 'renderer', 'index.html')) || process.env.CADRE_E2E_REBUILD !== '0') {
  const b = spawnSync(npx, ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(npx, ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);

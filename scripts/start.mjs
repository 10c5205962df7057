// `npm start`: build, then launch the desktop app; where the Electron runtime is not available (it cannot
// be downloaded on offline or restricted machines), say so in one line and serve the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const passThrough = process.argv.slice(2);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The Electron binary, if the electron package has one (it downloads it on first use, which may be impossible here). */
function electronBinary() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(pkgDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

run(npm, ['run', '-s', 'build']);
const electron = electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('未检测到 Electron 运行时（本机未安装且无法下载），改为启动浏览器版 / Electron runtime not available: starting the browser host instead.');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'host', 'cli.ts'), ...passThrough], { cwd: root, stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A small disk that can really fill up: a tmpfs (root on Linux). A string says why there is none (the test skips). */
export function mountSmallDisk(sizeKb: number): { dir: string; unmount: () => void } | string {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return '需要 Linux 上的 root 权限挂载 tmpfs';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-smalldisk-'));
  try {
    execSync(`mount -t tmpfs -o size=${sizeKb}k tmpfs ${dir}`, { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return '此环境不允许挂载 tmpfs';
  }
  return {
    dir,
    unmount: () => {
      execSync(`umount ${dir}`, { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk holding `dir`, leaving about `roomKb`; returns a function that frees it again. */
export function fillDisk(dir: string, roomKb: number): () => void {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(16 * 1024));
  } catch {
    // ENOSPC: full.
  } finally {
    fs.closeSync(fd);
  }
  fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - roomKb * 1024));
  return () => fs.rmSync(filler, { force: true });
}

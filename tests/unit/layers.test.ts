import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('layers stay clean', () => {
  it('the renderer never imports from electron/ or Node', () => {
    // vite.config.ts is build tooling run by Node, not renderer code.
    for (const f of files(path.join(root, 'renderer')).filter((f) => !f.endsWith('vite.config.ts'))) {
      for (const spec of importsOf(f)) {
        expect(spec, `${path.relative(root, f)} imports ${spec}`).not.toMatch(/(^|\/)electron(\/|$)|^node:|^(fs|path|os|child_process)$/);
      }
    }
  });
  it('services, documents, db and shared code never import electron', () => {
    const dirs = ['electron/services', 'electron/db', 'electron/documents', 'electron/cli', 'electron/host', 'shared'].map((d) => path.join(root, d)).filter(fs.existsSync);
    for (const f of dirs.flatMap((d) => files(d))) {
      for (const spec of importsOf(f)) expect(spec, `${path.relative(root, f)} imports ${spec}`).not.toMatch(/^electron(\/|$)|^electron-log/);
    }
  });
});

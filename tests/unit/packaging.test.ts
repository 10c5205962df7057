import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The packaged app's Electron fuses (electron-builder flips them in the binary it ships). */
function fusesOf(yml: string): Record<string, string> {
  const lines = yml.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'electronFuses:');
  const fuses: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^\s{2}(\w+):\s*(\S+)/.exec(line);
    if (!m) break;
    fuses[m[1]] = m[2];
  }
  return start < 0 ? {} : fuses;
}

describe('packaging', () => {
  it('ships Electron with the hardening fuses flipped', () => {
    const fuses = fusesOf(fs.readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8'));
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
  it('the app runs nothing that needs ELECTRON_RUN_AS_NODE (child_process.fork of itself)', () => {
    const main = fs.readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    expect(main).not.toMatch(/\bfork\(/);
    expect(main).toContain('loadURL(APP_INDEX_URL)');
    expect(main).not.toContain('loadFile(');
  });
});

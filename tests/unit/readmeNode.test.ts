import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const minimum = (pkg: string) => /(\d+\.\d+)/.exec((require(`${pkg}/package.json`) as { engines?: { node?: string } }).engines?.node ?? '')?.[1];

/** Issue 16 item 20: the README says which Node each task needs, in step with what the packages declare. */
describe('README: Node.js per task', () => {
  it('names the Node that electron declares for packaging, and Node 20 for the browser host and tests', () => {
    const electron = minimum('electron');
    expect(electron).toBeTruthy();
    const packaging = readme.split('\n').find((l) => l.includes('npm run dist') && l.startsWith('|'));
    expect(packaging).toContain(electron);
    const hostAndTests = readme.split('\n').find((l) => l.includes('npm test') && l.startsWith('|'));
    expect(hostAndTests).toMatch(/20 或更高/);
    expect(readme).not.toMatch(/需要 Node\.js 20 与 npm/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appFileOf, registerAppProtocol } from '../../electron/shell/appProtocol';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-app-protocol-'));
const renderer = path.join(dir, 'renderer');
fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
fs.writeFileSync(path.join(renderer, 'index.html'), '<html><head></head><body>app</body></html>');
fs.writeFileSync(path.join(renderer, 'assets', 'main.js'), 'console.log(1)');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');

describe('app:// protocol', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let handler!: (req: Request) => Promise<Response>;
  registerAppProtocol({ handle: ((scheme: string, fn: typeof handler) => ((handler = fn), expect(scheme).toBe('app'))) as never }, renderer);

  it('maps app://cadre-desk/… to files inside the renderer folder only', () => {
    expect(appFileOf(APP_INDEX_URL, renderer)).toBe(path.join(renderer, 'index.html'));
    expect(appFileOf('app://cadre-desk/', renderer)).toBe(path.join(renderer, 'index.html'));
    expect(appFileOf('app://cadre-desk/assets/main.js?x=1#y', renderer)).toBe(path.join(renderer, 'assets', 'main.js'));
    expect(appFileOf('app://cadre-desk/..%2Fsecret.txt', renderer)).toBeNull();
    expect(appFileOf('app://cadre-desk/%E0%A4%A', renderer)).toBeNull();
    expect(appFileOf('app://elsewhere/index.html', renderer)).toBeNull();
    expect(appFileOf(`file://${renderer}/index.html`, renderer)).toBeNull();
  });

  it('serves the page with the CSP as a header and the right types; nothing outside', async () => {
    const page = await handler(new Request(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('app');
    const script = await handler(new Request('app://cadre-desk/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handler(new Request('app://cadre-desk/..%2Fsecret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://cadre-desk/missing.js'))).status).toBe(404);
  });
});

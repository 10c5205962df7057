import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_ZHANG, lrmxBytes } from '../helpers/lrmxFixtures';
import { screenshot, startApp, visible, type RunningApp } from './harness';

describe('导入 任免审批表（.lrmx） in the browser host', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('previews each file (a new person, a DOCTYPE refused by name) and imports only the good one', async () => {
    const good = path.join(app.dir, '张三.lrmx');
    fs.writeFileSync(good, lrmxBytes());
    const hostile = path.join(app.dir, '外部实体.lrmx');
    fs.writeFileSync(hostile, Buffer.from('<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>'));
    const { page, url } = app;
    await page.goto(`${url}#/import`);
    await page.locator('input[type=file][accept=".lrmx,.xml"]').setInputFiles([good, hostile]);
    await visible(page.getByText('确认导入 1 个文件'));
    await visible(page.getByRole('row', { name: /外部实体\.lrmx.*无法导入/ }));
    await screenshot(page, 'e2e-lrmx-preview');
    expect((await app.services.cadres.list({})).total).toBe(0);
    await page.getByRole('button', { name: '确认导入 1 个文件' }).click();
    await visible(page.getByText('导入结果'));
    const imported = await app.services.cadres.findByIdNumber(ID_ZHANG);
    expect(imported).not.toBeNull();
    expect(imported!.resume.length).toBeGreaterThan(2);
    await screenshot(page, 'e2e-lrmx-report');
  });
});

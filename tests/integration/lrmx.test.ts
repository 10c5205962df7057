import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { makeIdNumber } from '../../electron/demo/demoCadres';
import { recordOf } from '../../electron/exchange/cadreChanges';
import { LRMX_ELEMENTS } from '../../electron/exchange/lrmx/lrmxElements';
import type { AppServices } from '../../electron/services/AppServices';
import type { LrmxFilePreview, LrmxImportOutcome } from '../../shared/channels/exchange';
import { tempServices, testCtx } from '../helpers/tempServices';
import { asFile, baseFamily, basePerson, fixturePhoto, ID_WANG, ID_ZHANG, lrmxBytes, lrmxXml, quirkyResume } from '../helpers/lrmxFixtures';
import { makeJpeg } from '../helpers/makeJpeg';
import { stringAgg } from '../../electron/db/dialect';
import { queryRow, sql } from '../../electron/db/sql';

let s: AppServices;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ s, cleanup } = await tempServices()));
afterEach(() => cleanup());

/** What "the database is unchanged" means here: same files, same photos, same audit trail. */
async function snapshot(svc: AppServices = s) {
  const m = svc.db.manager;
  const [{ cadres }] = await m.query('SELECT COUNT(*) AS cadres FROM cadre');
  const [{ photos }] = await m.query('SELECT COUNT(*) AS photos FROM cadre_photo');
  const [{ audit }] = await m.query('SELECT COUNT(*) AS audit FROM audit_log');
  const sum = await queryRow(m, sql`SELECT ${stringAgg(m, "id || ':' || updated_at", ',')} AS sum FROM cadre`, (r) => r.sum);
  return { cadres: Number(cadres), photos: Number(photos), audit: Number(audit), sum };
}

const importOne = async (bytes: Buffer, name = '张明远.lrmx') => (await s.exchange.importLrmx(testCtx, [asFile(name, bytes)]))[0];
const errorsOf = (o: LrmxImportOutcome | LrmxFilePreview) => (o.status === 'error' ? o.errors : []);

describe('LRMX import', () => {
  it('maps every element of a complete file onto the cadre file, with the photo and an audit entry 导入', async () => {
    const out = await importOne(lrmxBytes());
    expect(out.status).toBe('created');
    if (out.status !== 'created') return;
    const c = await s.cadres.get(out.cadreId);
    const p = basePerson();
    expect(c).toMatchObject({
      name: p.XingMing,
      gender: '男',
      birthDate: '1985.03',
      nation: '汉族',
      nativePlace: p.JiGuan,
      birthPlace: p.ChuShengDi,
      partyJoinDate: '2006.06',
      politicalStatus: '中共党员',
      workStartDate: '2007.08',
      health: '健康',
      techTitle: p.ZhuanYeJiShuZhiWu,
      expertise: p.ShuXiZhuanYeYouHeZhuanChang,
      ftEducation: '大学',
      ftDegree: p.QuanRiZhiJiaoYu_XueWei,
      ftEduSchool: p.QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi,
      ftDegreeSchool: p.QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi,
      ptEducation: '研究生',
      ptDegree: p.ZaiZhiJiaoYu_XueWei,
      ptEduSchool: p.ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi,
      ptDegreeSchool: p.ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi,
      currentPosition: p.XianRenZhiWu,
      proposedPosition: p.NiRenZhiWu,
      proposedRemoval: p.NiMianZhiWu,
      rewards: '2019年度被评为全市优秀公务员 & 记三等功',
      annualAssessment: p.NianDuKaoHeJieGuo,
      appointmentReason: '工作需要',
      reportingUnit: p.ChengBaoDanWei,
      ageCalcDate: '2024.08.15',
      fillDate: '2024.08.16',
      formFiller: '刘干事',
      idNumber: ID_ZHANG,
      hasPhoto: true,
    });
    expect(c.family).toEqual([
      { relation: '妻子', name: '李静', birthDate: '1986.07', politicalStatus: '中共党员', workUnitAndPost: '安康市中心医院护士' },
      { relation: '儿子', name: '张一诺', birthDate: '2014.03', politicalStatus: '群众', workUnitAndPost: '安康市第一小学学生' },
    ]);
    expect((await s.cadres.getPhoto(c.id))!.equals(fixturePhoto())).toBe(true);
    const history = await s.cadres.history(c.id);
    expect(history.map((h) => h.action)).toContain('导入');
    expect(history.find((h) => h.action === '导入')!.actor).toBe(testCtx.actor);
  });

  it('reads 简历 with every separator, the open end, 其间 lines and continuation lines', async () => {
    const out = await importOne(lrmxBytes());
    if (out.status !== 'created') throw new Error(JSON.stringify(out));
    const { resume } = await s.cadres.get(out.cadreId);
    expect(resume).toEqual([
      { start: '2003.09', end: '2007.07', text: '西北大学经济管理学院国民经济管理专业学习', concurrent: false },
      { start: '2007.08', end: '2010.12', text: '安康市发展和改革委员会科员', concurrent: false },
      { start: '2008.09', end: '2010.07', text: '西北大学公共管理学院在职研究生学习', concurrent: true },
      { start: '2011.01', end: '2014.05', text: '安康市发展和改革委员会综合科副科长', concurrent: false },
      { start: '2014.06', end: '2016.03', text: '安康市发展和改革委员会综合科科长', concurrent: false },
      { start: '2016.04', end: '2018.05', text: '汉阴县城关镇党委副书记、镇长', concurrent: false },
      { start: '2018.06', end: null, text: '安康市发展和改革委员会副主任', concurrent: false },
    ]);
  });

  it('reads 简历 written with ～, 至今, full-width digits and 期间', async () => {
    const jianLi = ['２００３．０９～２００７．０７  某大学学习', '2007.08--至今  某局科员', '(期间: 2009.09-2011.07 某党校学习)'].join('\n');
    const out = await importOne(lrmxBytes({ person: { JianLi: jianLi } }));
    if (out.status !== 'created') throw new Error(JSON.stringify(out));
    expect((await s.cadres.get(out.cadreId)).resume).toEqual([
      { start: '2003.09', end: '2007.07', text: '某大学学习', concurrent: false },
      { start: '2007.08', end: null, text: '某局科员', concurrent: false },
      { start: '2009.09', end: '2011.07', text: '某党校学习', concurrent: true },
    ]);
  });

  it.each([
    ['198503', '20240815', '1985.03', '2024.08.15'],
    ['19850324', '202408', '1985.03', '2024.08'],
    ['1985.03', '2024.08.15', '1985.03', '2024.08.15'],
    ['1985.03.24', '2024.8.15', '1985.03', '2024.08.15'],
  ])('accepts the date spelling %s / %s', async (birth, ageAt, birthDate, ageCalcDate) => {
    const out = await importOne(lrmxBytes({ person: { ChuShengNianYue: birth, JiSuanNianLingShiJian: ageAt, CanJiaGongZuoShiJian: '2007.08' } }));
    if (out.status !== 'created') throw new Error(JSON.stringify(out));
    expect(await s.cadres.get(out.cadreId)).toMatchObject({ birthDate, ageCalcDate, workStartDate: '2007.08' });
  });

  it('accepts a UTF-8 BOM, \\n line ends, unknown elements of newer versions and an empty photo', async () => {
    const bytes = lrmxBytes({
      bom: true,
      newline: '\n',
      person: { ZhaoPian: '', Version: '3.2.1.16' },
      extra: '  <DaoLingNianYue>204503</DaoLingNianYue>\n  <GaiGeQianRenZhiNianLingJieXian></GaiGeQianRenZhiNianLingJieXian>\n  <XinZengJieDian><Zi>x</Zi></XinZengJieDian>',
    });
    const preview = (await s.exchange.previewLrmx([asFile('a.lrmx', bytes)]))[0];
    expect(preview.status).toBe('create');
    if (preview.status === 'create') {
      expect(preview.person.hasPhoto).toBe(false);
      expect(preview.notes).toContain('照片：文件中没有照片');
    }
    const out = await importOne(bytes);
    if (out.status !== 'created') throw new Error(JSON.stringify(out));
    const c = await s.cadres.get(out.cadreId);
    expect(c.hasPhoto).toBe(false);
    expect(c.resume).toHaveLength(7);
    expect(await s.cadres.getPhoto(c.id)).toBeNull();
  });

  it('accepts a photo wrapped in lines and a file declared GB2312', async () => {
    const xml = lrmxXml({ declaration: '<?xml version="1.0" encoding="gb2312"?>' });
    const gb = Buffer.from(new TextEncoderGb().encode(xml));
    const out = await importOne(gb);
    if (out.status !== 'created') throw new Error(JSON.stringify(out));
    const c = await s.cadres.get(out.cadreId);
    expect(c.name).toBe('张明远');
    expect((await s.cadres.getPhoto(c.id))!.equals(fixturePhoto())).toBe(true);
  });

  it('derives a missing birth date and sex from the ID number, and says so', async () => {
    const preview = (await s.exchange.previewLrmx([asFile('a.lrmx', lrmxBytes({ person: { ChuShengNianYue: null, XingBie: '' } }))]))[0];
    expect(preview.status).toBe('create');
    if (preview.status !== 'create') return;
    expect(preview.person).toMatchObject({ birthDate: '1985.03', gender: '男' });
    expect(preview.notes.join('\n')).toContain('出生年月：文件中为空，已取自身份证号（1985.03）');
    expect(preview.notes.join('\n')).toContain('性别');
  });

  it('keeps RuDangShiJian text (a democratic party) and reads the 政治面貌 it implies', async () => {
    const out = await importOne(lrmxBytes({ person: { RuDangShiJian: '201005；民盟' } }));
    if (out.status !== 'created') throw new Error(JSON.stringify(out));
    expect(await s.cadres.get(out.cadreId)).toMatchObject({ partyJoinDate: '2010.05；民盟', politicalStatus: '民盟盟员' });
  });

  it('imports many files; the report lists each outcome and one bad file does not stop the others', async () => {
    const other = lrmxBytes({ person: { XingMing: '王佳宁', XingBie: '女', ChuShengNianYue: '199009', ShenFenZheng: ID_WANG, JianLi: '2008.09--2012.07  某大学学习' }, family: null });
    const bad = lrmxBytes({ person: { XingMing: '错号', ShenFenZheng: ID_ZHANG.slice(0, 17) + (ID_ZHANG[17] === '1' ? '2' : '1') } });
    const outs = await s.exchange.importLrmx(testCtx, [asFile('张.lrmx', lrmxBytes()), asFile('错.lrmx', bad), asFile('王.lrmx', other)]);
    expect(outs.map((o) => [o.file, o.status])).toEqual([
      ['张.lrmx', 'created'],
      ['错.lrmx', 'error'],
      ['王.lrmx', 'created'],
    ]);
    expect(errorsOf(outs[1]).join()).toMatch(/^错\.lrmx：身份证号：校验位错误（末位应为.）/);
    expect((await snapshot()).cadres).toBe(2);
  });

  it('refuses a second file about the same person in one batch', async () => {
    const outs = await s.exchange.previewLrmx([asFile('a.lrmx', lrmxBytes()), asFile('b.lrmx', lrmxBytes())]);
    expect(outs.map((o) => o.status)).toEqual(['create', 'error']);
    expect(errorsOf(outs[1])[0]).toContain('与同批的“a.lrmx”是同一人');
  });
});

describe('LRMX update of a person already present', () => {
  it('previews the update field by field, writes nothing until imported, then applies it', async () => {
    const first = await importOne(lrmxBytes());
    if (first.status !== 'created') throw new Error('setup');
    await s.cadres.save(testCtx, { ...recordOf(await s.cadres.get(first.cadreId)), phone: '13900000000', tags: ['后备'] }, first.cadreId);
    const newPhoto = makeJpeg(64, 64, () => [200, 10, 10]);
    const changed = lrmxBytes({
      person: { XianRenZhiWu: '安康市发展和改革委员会主任', JianLi: `${quirkyResume('\r\n')}\r\n（其间：2020.03--2020.07  省委党校中青班学习）`, ZhaoPian: newPhoto.toString('base64') },
    });
    const before = await snapshot();
    const [preview] = await s.exchange.previewLrmx([asFile('更新.lrmx', changed)]);
    expect(await snapshot()).toEqual(before);
    expect(preview.status).toBe('update');
    if (preview.status !== 'update') return;
    expect(preview.cadreId).toBe(first.cadreId);
    expect(preview.changes.map((c) => c.label)).toEqual(['现任职务', '简历', '照片']);
    expect(preview.changes[0]).toEqual({ field: 'currentPosition', label: '现任职务', old: '安康市发展和改革委员会副主任', new: '安康市发展和改革委员会主任' });
    expect(preview.changes[1].new).toContain('（其间：2020.03--2020.07  省委党校中青班学习）');

    const [done] = await s.exchange.importLrmx(testCtx, [asFile('更新.lrmx', changed)]);
    expect(done).toMatchObject({ status: 'updated', cadreId: first.cadreId });
    const c = await s.cadres.get(first.cadreId);
    expect(c.currentPosition).toBe('安康市发展和改革委员会主任');
    // Fields the format does not carry stay as they were.
    expect(c).toMatchObject({ phone: '13900000000', tags: ['后备'], politicalStatus: '中共党员' });
    expect((await s.cadres.getPhoto(c.id))!.equals(newPhoto)).toBe(true);
    const importEntries = (await s.cadres.history(c.id)).filter((h) => h.action === '导入');
    expect(importEntries).toHaveLength(2);
    expect(Object.keys(importEntries[0].changes).sort()).toEqual(['currentPosition', 'resume']);
  });

  it('an unchanged file is an update with no changes, and keeps the stored photo when the file has none', async () => {
    await importOne(lrmxBytes());
    const [p] = await s.exchange.previewLrmx([asFile('a.lrmx', lrmxBytes({ person: { ZhaoPian: '' } }))]);
    expect(p).toMatchObject({ status: 'update', changes: [] });
    expect(p.status === 'update' && p.notes).toContain('照片：文件中没有照片，保留档案中的照片');
    const before = await snapshot();
    await importOne(lrmxBytes({ person: { ZhaoPian: '' } }));
    expect((await snapshot()).photos).toBe(before.photos);
    expect((await snapshot()).audit).toBe(before.audit);
  });

  it('refuses a person whose file is in the recycle bin, writing nothing', async () => {
    const first = await importOne(lrmxBytes());
    if (first.status !== 'created') throw new Error('setup');
    await s.cadres.remove(testCtx, first.cadreId);
    const before = await snapshot();
    const out = await importOne(lrmxBytes({ person: { XianRenZhiWu: '新职务' } }));
    expect(errorsOf(out)[0]).toContain('在回收站中，请先恢复再导入');
    expect(await snapshot()).toEqual(before);
  });
});

describe('LRMX hostile and broken files leave the database unchanged', () => {
  beforeEach(async () => {
    // Something to protect: one file already there.
    await importOne(lrmxBytes({ person: { XingMing: '王佳宁', XingBie: '女', ChuShengNianYue: '199009', ShenFenZheng: ID_WANG, JianLi: '' }, family: null }));
  });

  const cases: [string, () => Buffer, RegExp][] = [
    ['truncated in 简历', () => { const x = lrmxBytes(); return x.subarray(0, x.indexOf(Buffer.from('<JiangCheng')) - 40); }, /文件不完整.*简历没有结束标记/],
    ['truncated mid-tag', () => { const x = lrmxBytes(); return x.subarray(0, x.indexOf(Buffer.from('</ShenFenZheng>')) + 5); }, /文件不完整（可能在复制或传输中被截断）/],
    ['a DOCTYPE with an external entity', () => lrmxBytes({ prolog: '<!DOCTYPE Person [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', person: { XingMing: '&xxe;' } }), /DOCTYPE/],
    ['an entity declaration alone', () => Buffer.from('<?xml version="1.0"?><!ENTITY a "b"><Person><XingMing>x</XingMing></Person>'), /DOCTYPE 或实体声明/],
    ['a file over the size limit', () => lrmxBytes({ person: { JiangChengQingKuang: 'x'.repeat(6 * 1024 * 1024) } }), /文件过大（6\.\d MB，上限 5 MB）/],
    ['a wrong check character', () => lrmxBytes({ person: { ShenFenZheng: ID_ZHANG.slice(0, 17) + (ID_ZHANG[17] === '3' ? '4' : '3') } }), /身份证号：校验位错误（末位应为.）/],
    ['an ID number that does not match the birth date', () => lrmxBytes({ person: { ChuShengNianYue: '198601' } }), /出生年月：与身份证号中的出生年月（1985\.03）不一致/],
    ['an unreadable date', () => lrmxBytes({ person: { CanJiaGongZuoShiJian: '07年8月' } }), /参加工作时间：无法识别“07年8月”/],
    ['a PNG photo', () => lrmxBytes({ person: { ZhaoPian: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64') } }), /照片：应为JPEG图片（文件中为PNG图片）/],
    ['a photo over 200 KB', () => lrmxBytes({ person: { ZhaoPian: Buffer.concat([fixturePhoto(), Buffer.alloc(210 * 1024)]).toString('base64') } }), /照片：不能超过200 KB/],
    ['bad base64 in the photo', () => lrmxBytes({ person: { ZhaoPian: '!!!notbase64' } }), /照片：数据不是有效的 base64 编码/],
    ['another root element', () => Buffer.from('<?xml version="1.0"?><Root><XingMing>x</XingMing></Root>'), /根元素应为 Person，文件中为 Root/],
    ['bytes that are not UTF-8', () => Buffer.concat([Buffer.from('<?xml version="1.0"?><Person><XingMing>'), Buffer.from([0xd5, 0xc5]), Buffer.from('</XingMing></Person>')]), /编码无法识别/],
    ['an empty file', () => Buffer.alloc(0), /文件为空/],
    ['an element given twice', () => lrmxBytes({ extra: '<XingMing>另一个</XingMing>' }), /姓名：在文件中出现了2次/],
    ['an unreadable 简历 line', () => lrmxBytes({ person: { JianLi: '某大学学习\r\n2003.09--2007.07  某单位' } }), /简历：第1行不是以“年.月”开头的简历条目/],
  ];

  it.each(cases)('refuses %s with a message naming the file', async (_label, make, message) => {
    const before = await snapshot();
    const [preview] = await s.exchange.previewLrmx([asFile('坏文件.lrmx', make())]);
    expect(preview.status).toBe('error');
    const [out] = await s.exchange.importLrmx(testCtx, [asFile('坏文件.lrmx', make())]);
    expect(out.status).toBe('error');
    const errors = errorsOf(out);
    expect(errors.every((e) => e.startsWith('坏文件.lrmx：'))).toBe(true);
    expect(errors.join('\n')).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('never expands or fetches an entity', async () => {
    const [out] = await s.exchange.importLrmx(testCtx, [asFile('x.lrmx', lrmxBytes({ prolog: '<!DOCTYPE Person [<!ENTITY big "AAAAAAAAAA">]>', person: { XingMing: '&big;' } }))]);
    expect(out.status).toBe('error');
    const names: { name: string }[] = await s.db.manager.query('SELECT name FROM cadre');
    expect(names.map((n) => n.name)).toEqual(['王佳宁']);
  });
});

describe('LRMX export and round trip', () => {
  it('writes the national format: UTF-8, <Person>, standard order, Version 3.2.1.6, compact dates, \\r\\n 简历, base64 JPEG', async () => {
    const out = await importOne(lrmxBytes());
    if (out.status !== 'created') throw new Error('setup');
    const file = await s.exchange.exportLrmx(out.cadreId);
    expect(file.fileName).toBe('张明远.lrmx');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes[0]).toBe(0x3c); // no BOM: starts with "<?xml"
    const xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const tags = [...xml.matchAll(/^ {2}<([A-Za-z_]+)/gm)].map((m) => m[1]);
    expect(tags).toEqual(LRMX_ELEMENTS.map((e) => e.tag));
    const doc = new XMLParser({ parseTagValue: false, trimValues: false }).parse(xml).Person;
    expect(doc.Version).toBe('3.2.1.6');
    expect(doc.ChuShengNianYue).toBe('198503');
    expect(doc.RuDangShiJian).toBe('200606');
    expect(doc.CanJiaGongZuoShiJian).toBe('200708');
    expect(doc.JiSuanNianLingShiJian).toBe('20240815');
    expect(doc.TianBiaoShiJian).toBe('20240816');
    expect(doc.JiaTingChengYuan.Item[0].ChuShengRiQi).toBe('198607');
    // The raw text: lines joined by \r\n, seven spaces for the open end, 其间 kept on its own line.
    const jianLi = /<JianLi>([\s\S]*?)<\/JianLi>/.exec(xml)![1];
    expect(jianLi.split('\r\n')).toEqual([
      '2003.09--2007.07  西北大学经济管理学院国民经济管理专业学习',
      '2007.08--2010.12  安康市发展和改革委员会科员',
      '（其间：2008.09--2010.07  西北大学公共管理学院在职研究生学习）',
      '2011.01--2014.05  安康市发展和改革委员会综合科副科长',
      '2014.06--2016.03  安康市发展和改革委员会综合科科长',
      '2016.04--2018.05  汉阴县城关镇党委副书记、镇长',
      '2018.06--         安康市发展和改革委员会副主任',
    ]);
    expect(Buffer.from(doc.ZhaoPian, 'base64').equals(fixturePhoto())).toBe(true);
  });

  it('import → export → import loses nothing (into a fresh database, and as a no-change update)', async () => {
    const files = [
      lrmxBytes(),
      lrmxBytes({ person: { XingMing: '王佳宁', XingBie: '女', ChuShengNianYue: '', ShenFenZheng: ID_WANG, RuDangShiJian: '201005；民盟', ZhaoPian: '', JiSuanNianLingShiJian: '202408' }, family: baseFamily().slice(0, 1) }),
    ];
    const first = await s.exchange.importLrmx(testCtx, files.map((b, i) => asFile(`${i}.lrmx`, b)));
    const ids = first.map((o) => (o.status === 'created' ? o.cadreId : 0));
    expect(ids.every(Boolean)).toBe(true);
    const exported = await Promise.all(ids.map((id) => s.exchange.exportLrmx(id)));

    // Same database: nothing to change.
    const again = await s.exchange.previewLrmx(exported.map((f) => ({ name: f.fileName, base64: f.base64 })));
    expect(again.map((o) => (o.status === 'update' ? o.changes : o))).toEqual([[], []]);

    const fresh = await tempServices();
    try {
      const second = await fresh.s.exchange.importLrmx(testCtx, exported.map((f) => ({ name: f.fileName, base64: f.base64 })));
      for (const [i, o] of second.entries()) {
        if (o.status !== 'created') throw new Error(JSON.stringify(o));
        const a = await s.cadres.get(ids[i]);
        const b = await fresh.s.cadres.get(o.cadreId);
        expect(recordOf(b)).toEqual(recordOf(a));
        expect(b.hasPhoto).toBe(a.hasPhoto);
        const pa = await s.cadres.getPhoto(ids[i]);
        const pb = await fresh.s.cadres.getPhoto(o.cadreId);
        expect(pb?.toString('base64') ?? null).toBe(pa?.toString('base64') ?? null);
      }
      expect((await fresh.s.cadres.get((second[1] as { cadreId: number }).cadreId)).ageCalcDate).toBe('2024.08');
    } finally {
      await fresh.cleanup();
    }
  });

  it('exports by 身份证号 too', async () => {
    const other = makeIdNumber('610902', '19790518', 7, '男');
    await importOne(lrmxBytes({ person: { XingMing: '杨建国', ChuShengNianYue: '197905', ShenFenZheng: other, JianLi: '' } }));
    const file = await s.exchange.exportLrmx(other);
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain('<XingMing>杨建国</XingMing>');
  });
});

/** GB2312 bytes for the test's own text (the fixture is ASCII + common Chinese, which GB18030 covers). */
class TextEncoderGb {
  encode(text: string): Uint8Array {
    // Node has no GB encoder; build the table from the decoder for the characters used.
    const out: number[] = [];
    const table = gbTable();
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) out.push(code);
      else {
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`no GB code for ${ch}`);
        out.push(...bytes);
      }
    }
    return Uint8Array.from(out);
  }
}

let gbCache: Map<string, number[]> | null = null;
function gbTable(): Map<string, number[]> {
  if (gbCache) return gbCache;
  gbCache = new Map();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !gbCache.has(ch)) gbCache.set(ch, [hi, lo]);
    }
  }
  return gbCache;
}

describe('exchange channels', () => {
  it('go through the contract: preview, import, export, roster template and export', async () => {
    const { dispatch } = await import('../../electron/api/dispatch');
    const { createHandlers } = await import('../../electron/api/handlers');
    const handlers = createHandlers(s);
    const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, { ...testCtx, mode: 'browser' }, { error: () => {} });
    const files = [asFile('张明远.lrmx', lrmxBytes())];
    expect(await call('lrmx:preview', { files })).toMatchObject({ ok: true, result: [{ status: 'create' }] });
    const imported = await call('lrmx:import', { files });
    expect(imported).toMatchObject({ ok: true, result: [{ status: 'created' }] });
    const cadreId = (imported as { result: { cadreId: number }[] }).result[0].cadreId;
    const exported = await call('lrmx:export', { cadreId });
    expect(exported).toMatchObject({ ok: true, result: { fileName: '张明远.lrmx' } });
    expect(await call('lrmx:preview', { files: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '文件：请选择至少一个文件' } });
    expect(await call('roster:template', {})).toMatchObject({ ok: true, result: { fileName: '挂职干部花名册模板.xlsx' } });
    const roster = await call('roster:export', { query: '张' });
    expect(roster).toMatchObject({ ok: true });
    const back = await call('roster:preview', { fileName: 'x.xlsx', base64: (roster as { result: { base64: string } }).result.base64 });
    expect(back).toMatchObject({ ok: true, result: { unchanged: 1, errors: [] } });
  });
});

import { makeIdNumber } from '../../electron/demo/demoCadres';
import { portraitJpeg } from './makeJpeg';

/**
 * LRMX files made in code, with the quirks real files have. `person` overrides or removes (`null`) elements;
 * `extra` is raw XML appended inside <Person> (unknown elements from newer versions …).
 */
export interface LrmxOptions {
  person?: Record<string, string | null>;
  family?: Record<string, string>[] | null;
  newline?: '\r\n' | '\n';
  bom?: boolean;
  extra?: string;
  /** Text before <Person> after the XML declaration (a DOCTYPE …). */
  prolog?: string;
  declaration?: string;
}

export const ID_ZHANG = makeIdNumber('610902', '19850324', 101, '男');
export const ID_WANG = makeIdNumber('610902', '19900915', 205, '女');

/** 简历 with every separator variant, an open end, a 其间 line and a continuation line (joined by `nl`). */
export function quirkyResume(nl: string): string {
  return [
    '2003.09--2007.07  西北大学经济管理学院国民经济管理专业学习',
    '2007.08—2010.12  安康市发展和改革委员会科员',
    '（其间：2008.09--2010.07  西北大学公共管理学院在职研究生学习）',
    '2011.01－2014.05  安康市发展和改革委员会综合科副科长',
    '2014.06~2016.03  安康市发展和改革委员会综合科科长',
    '2016.04至2018.05  汉阴县城关镇党委副书记、',
    '                  镇长',
    '2018.06--         安康市发展和改革委员会副主任',
  ].join(nl);
}

const PHOTO = portraitJpeg(120, 160);
export const fixturePhoto = (): Buffer => Buffer.from(PHOTO);

export function basePerson(): Record<string, string> {
  return {
    XingMing: '张明远',
    XingBie: '男',
    ChuShengNianYue: '198503',
    MinZu: '汉族',
    JiGuan: '陕西安康',
    ChuShengDi: '陕西汉阴',
    RuDangShiJian: '200606',
    CanJiaGongZuoShiJian: '200708',
    JianKangZhuangKuang: '健康',
    ZhuanYeJiShuZhiWu: '经济师',
    ShuXiZhuanYeYouHeZhuanChang: '宏观经济管理',
    QuanRiZhiJiaoYu_XueLi: '大学',
    QuanRiZhiJiaoYu_XueWei: '经济学学士',
    QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '西北大学经济管理学院国民经济管理专业',
    QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '西北大学经济管理学院国民经济管理专业',
    ZaiZhiJiaoYu_XueLi: '研究生',
    ZaiZhiJiaoYu_XueWei: '公共管理硕士',
    ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '西北大学公共管理学院公共管理专业',
    ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '西北大学公共管理学院公共管理专业',
    XianRenZhiWu: '安康市发展和改革委员会副主任',
    NiRenZhiWu: '安康市发展和改革委员会主任',
    NiMianZhiWu: '安康市发展和改革委员会副主任',
    JianLi: quirkyResume('\r\n'),
    JiangChengQingKuang: '2019年度被评为全市优秀公务员 & 记三等功',
    NianDuKaoHeJieGuo: '2021、2022、2023年度考核均为称职',
    RenMianLiYou: '工作需要',
    ChengBaoDanWei: '中共安康市委组织部',
    JiSuanNianLingShiJian: '20240815',
    TianBiaoShiJian: '20240816',
    TianBiaoRen: '刘干事',
    ShenFenZheng: ID_ZHANG,
    ZhaoPian: PHOTO.toString('base64').replace(/(.{76})/g, '$1\r\n'),
    Version: '3.2.1.6',
  };
}

export function baseFamily(): Record<string, string>[] {
  return [
    { ChengWei: '妻子', XingMing: '李静', ChuShengRiQi: '198607', ZhengZhiMianMao: '中共党员', GongZuoDanWeiJiZhiWu: '安康市中心医院护士' },
    { ChengWei: '儿子', XingMing: '张一诺', ChuShengRiQi: '201403', ZhengZhiMianMao: '群众', GongZuoDanWeiJiZhiWu: '安康市第一小学学生' },
    { ChengWei: '', XingMing: '', ChuShengRiQi: '', ZhengZhiMianMao: '', GongZuoDanWeiJiZhiWu: '' },
  ];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lrmxXml(o: LrmxOptions = {}): string {
  const nl = o.newline ?? '\r\n';
  const person: Record<string, string | null> = { ...basePerson(), ...(o.person ?? {}) };
  if (nl === '\n' && typeof person.JianLi === 'string') person.JianLi = person.JianLi.replace(/\r\n/g, '\n');
  const lines = [o.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>'];
  if (o.prolog) lines.push(o.prolog);
  lines.push('<Person>');
  for (const [tag, value] of Object.entries(person)) {
    if (value === null) continue;
    if (tag === 'ChengBaoDanWei') {
      const fam = o.family === undefined ? baseFamily() : o.family;
      if (fam) {
        lines.push('  <JiaTingChengYuan>');
        for (const m of fam) {
          lines.push('    <Item>');
          for (const [t, v] of Object.entries(m)) lines.push(v ? `      <${t}>${esc(v)}</${t}>` : `      <${t} />`);
          lines.push('    </Item>');
        }
        lines.push('  </JiaTingChengYuan>');
      }
    }
    lines.push(value === '' ? `  <${tag}></${tag}>` : `  <${tag}>${esc(value)}</${tag}>`);
  }
  if (o.extra) lines.push(o.extra);
  lines.push('</Person>');
  return lines.join(nl) + nl;
}

export function lrmxBytes(o: LrmxOptions = {}): Buffer {
  const body = Buffer.from(lrmxXml(o), 'utf8');
  return o.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export const asFile = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });

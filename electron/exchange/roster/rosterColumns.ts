import type { CadreData } from '../../../shared/cadre';

/** The posting columns of a roster (read when importing into a batch). */
export type PostingKey = 'hostUnit' | 'hostPost' | 'postPeriod' | 'postStart' | 'postEnd';
export type RosterKey = 'seq' | PostingKey | keyof CadreData;

export type RosterKind = 'seq' | 'text' | 'yearMonth' | 'idNumber' | 'period' | 'day';

export interface RosterColumn {
  key: RosterKey;
  /** The header written by the export and the template (the first synonym is what rosters usually say). */
  header: string;
  /** Other headers seen in practice, compared after `normalizeHeader`. */
  synonyms: readonly string[];
  kind: RosterKind;
  /** Column width in characters for export/template. */
  width: number;
}

const col = (key: RosterKey, header: string, synonyms: string[], kind: RosterKind = 'text', width = 12): RosterColumn => ({
  key,
  header,
  synonyms,
  kind,
  width,
});

/** Every column a roster may have, in the order export and template write them. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  col('seq', '序号', ['编号'], 'seq', 6),
  col('name', '姓名', ['名字', '干部姓名'], 'text', 10),
  col('gender', '性别', [], 'text', 6),
  col('nation', '民族', [], 'text', 8),
  col('birthDate', '出生年月', ['出生日期', '出生年月日', '出生时间'], 'yearMonth', 10),
  col('nativePlace', '籍贯', [], 'text', 12),
  col('birthPlace', '出生地', [], 'text', 12),
  col('politicalStatus', '政治面貌', [], 'text', 12),
  col('partyJoinDate', '入党时间', ['入党年月', '入党日期'], 'text', 10),
  col('workStartDate', '参加工作时间', ['参加工作年月', '参加工作日期', '工作时间'], 'yearMonth', 12),
  col('idNumber', '身份证号', ['身份证号码', '公民身份号码', '公民身份证号码', '身份证', '身份证件号码', '证件号码'], 'idNumber', 21),
  col('ftEducation', '全日制学历', ['学历', '全日制教育学历', '文化程度'], 'text', 10),
  col('ftDegree', '全日制学位', ['学位', '全日制教育学位'], 'text', 10),
  col('ftEduSchool', '毕业院校及专业', ['毕业院校系及专业', '全日制毕业院校及专业', '全日制教育毕业院校系及专业', '毕业院校', '毕业学校'], 'text', 28),
  col('ptEducation', '在职学历', ['在职教育学历'], 'text', 10),
  col('ptDegree', '在职学位', ['在职教育学位'], 'text', 10),
  col('ptEduSchool', '在职毕业院校及专业', ['在职教育毕业院校系及专业', '在职毕业院校'], 'text', 28),
  col('workUnit', '工作单位', ['单位', '派出单位', '原单位', '所在单位', '原工作单位'], 'text', 28),
  col('currentPosition', '现任职务', ['职务', '原职务', '现职务', '工作单位及职务', '单位及职务'], 'text', 30),
  col('rank', '职级', ['现任职级'], 'text', 14),
  col('personCategory', '人员类别', ['身份类别', '人员身份'], 'text', 10),
  col('techTitle', '专业技术职务', ['职称'], 'text', 14),
  col('health', '健康状况', [], 'text', 10),
  col('phone', '联系电话', ['电话', '手机', '手机号', '手机号码', '联系方式'], 'text', 14),
  col('remarks', '备注', [], 'text', 20),
  col('hostUnit', '挂职单位', ['挂职单位名称', '接收单位', '挂职地点'], 'text', 24),
  col('hostPost', '挂职职务', ['挂职岗位', '挂任职务', '拟挂职务'], 'text', 20),
  col('postPeriod', '起止时间', ['挂职起止时间', '挂职时间', '挂职期限'], 'period', 24),
  col('postStart', '挂职开始时间', ['开始时间', '起始时间', '挂职起始时间'], 'day', 14),
  col('postEnd', '挂职结束时间', ['结束时间', '截止时间', '挂职截止时间'], 'day', 14),
];

export const POSTING_KEYS: readonly PostingKey[] = ['hostUnit', 'hostPost', 'postPeriod', 'postStart', 'postEnd'];

/** Columns the export writes (the file's own fields) and the template adds (the posting of a batch). */
export const EXPORT_COLUMNS = ROSTER_COLUMNS.filter((c) => !(POSTING_KEYS as readonly string[]).includes(c.key));
export const TEMPLATE_COLUMNS = ROSTER_COLUMNS.filter((c) => c.key !== 'postStart' && c.key !== 'postEnd');

/** A header as compared: no blanks, no required-marks, no trailing hint in brackets (`出生年月（年.月）`). */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(][^（()）]*[)）]$/, '')
    .replace(/[:：]$/, '');
}

const BY_HEADER = new Map<string, RosterColumn>();
for (const c of ROSTER_COLUMNS) for (const h of [c.header, ...c.synonyms]) BY_HEADER.set(normalizeHeader(h), c);

export function columnForHeader(raw: string): RosterColumn | undefined {
  return BY_HEADER.get(normalizeHeader(raw));
}

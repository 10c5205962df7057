import type { CadreData } from '../../../shared/cadre';

/**
 * The elements of an LRMX `<Person>` in the national standard's order, and the field of the cadre file each one
 * fills. `kind` says how the text is read and written.
 */
export type LrmxKind =
  | 'text'
  | 'gender'
  | 'nation'
  | 'yearMonth'
  | 'day'
  | 'party'
  | 'resume'
  | 'family'
  | 'idNumber'
  | 'photo'
  | 'version';

export interface LrmxElement {
  tag: string;
  /** The cadre file's field; `photo` and `version` are not fields of the record. */
  field: keyof CadreData | 'photo' | 'version';
  kind: LrmxKind;
}

export const LRMX_VERSION = '3.2.1.6';

export const LRMX_ELEMENTS: readonly LrmxElement[] = [
  { tag: 'XingMing', field: 'name', kind: 'text' },
  { tag: 'XingBie', field: 'gender', kind: 'gender' },
  { tag: 'ChuShengNianYue', field: 'birthDate', kind: 'yearMonth' },
  { tag: 'MinZu', field: 'nation', kind: 'nation' },
  { tag: 'JiGuan', field: 'nativePlace', kind: 'text' },
  { tag: 'ChuShengDi', field: 'birthPlace', kind: 'text' },
  { tag: 'RuDangShiJian', field: 'partyJoinDate', kind: 'party' },
  { tag: 'CanJiaGongZuoShiJian', field: 'workStartDate', kind: 'yearMonth' },
  { tag: 'JianKangZhuangKuang', field: 'health', kind: 'text' },
  { tag: 'ZhuanYeJiShuZhiWu', field: 'techTitle', kind: 'text' },
  { tag: 'ShuXiZhuanYeYouHeZhuanChang', field: 'expertise', kind: 'text' },
  { tag: 'QuanRiZhiJiaoYu_XueLi', field: 'ftEducation', kind: 'text' },
  { tag: 'QuanRiZhiJiaoYu_XueWei', field: 'ftDegree', kind: 'text' },
  { tag: 'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', field: 'ftEduSchool', kind: 'text' },
  { tag: 'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', field: 'ftDegreeSchool', kind: 'text' },
  { tag: 'ZaiZhiJiaoYu_XueLi', field: 'ptEducation', kind: 'text' },
  { tag: 'ZaiZhiJiaoYu_XueWei', field: 'ptDegree', kind: 'text' },
  { tag: 'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', field: 'ptEduSchool', kind: 'text' },
  { tag: 'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', field: 'ptDegreeSchool', kind: 'text' },
  { tag: 'XianRenZhiWu', field: 'currentPosition', kind: 'text' },
  { tag: 'NiRenZhiWu', field: 'proposedPosition', kind: 'text' },
  { tag: 'NiMianZhiWu', field: 'proposedRemoval', kind: 'text' },
  { tag: 'JianLi', field: 'resume', kind: 'resume' },
  { tag: 'JiangChengQingKuang', field: 'rewards', kind: 'text' },
  { tag: 'NianDuKaoHeJieGuo', field: 'annualAssessment', kind: 'text' },
  { tag: 'RenMianLiYou', field: 'appointmentReason', kind: 'text' },
  { tag: 'JiaTingChengYuan', field: 'family', kind: 'family' },
  { tag: 'ChengBaoDanWei', field: 'reportingUnit', kind: 'text' },
  { tag: 'JiSuanNianLingShiJian', field: 'ageCalcDate', kind: 'day' },
  { tag: 'TianBiaoShiJian', field: 'fillDate', kind: 'day' },
  { tag: 'TianBiaoRen', field: 'formFiller', kind: 'text' },
  { tag: 'ShenFenZheng', field: 'idNumber', kind: 'idNumber' },
  { tag: 'ZhaoPian', field: 'photo', kind: 'photo' },
  { tag: 'Version', field: 'version', kind: 'version' },
];

/** A family member `<Item>`'s elements, in order. */
export const LRMX_FAMILY_ELEMENTS = [
  { tag: 'ChengWei', field: 'relation' },
  { tag: 'XingMing', field: 'name' },
  { tag: 'ChuShengRiQi', field: 'birthDate' },
  { tag: 'ZhengZhiMianMao', field: 'politicalStatus' },
  { tag: 'GongZuoDanWeiJiZhiWu', field: 'workUnitAndPost' },
] as const;

/** The record fields an LRMX file carries; the others (政治面貌, 联系电话, 标签 …) stay as the file had them. */
export const LRMX_FIELDS: readonly (keyof CadreData)[] = LRMX_ELEMENTS.flatMap((e) =>
  e.field === 'photo' || e.field === 'version' ? [] : [e.field],
);

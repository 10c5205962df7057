import { NATIONS } from '../../shared/codes';

/**
 * The other spellings files and rosters use for coded values, read as the stored names.
 * Only unambiguous aliases: anything else is kept as written and the schema says what is wrong.
 */

export function readGender(raw: string): string {
  if (raw === '1' || raw === '男性') return '男';
  if (raw === '2' || raw === '女性') return '女';
  return raw;
}

/** `汉族`, `汉` or the GB/T 3304 code `01` → `汉族`. */
export function readNation(raw: string): string {
  if (!raw) return '';
  const names = NATIONS as readonly string[];
  if (names.includes(raw)) return raw;
  if (names.includes(`${raw}族`)) return `${raw}族`;
  if (/^\d{1,2}$/.test(raw) && names[Number(raw) - 1]) return names[Number(raw) - 1];
  return raw;
}

const POLITICAL_ALIASES: Record<string, string> = {
  党员: '中共党员',
  中共: '中共党员',
  共产党员: '中共党员',
  中国共产党党员: '中共党员',
  预备党员: '中共预备党员',
  团员: '共青团员',
  共青团: '共青团员',
  无党派: '无党派人士',
  民革: '民革党员',
  民盟: '民盟盟员',
  民建: '民建会员',
  民进: '民进会员',
  农工党: '农工党党员',
  致公党: '致公党党员',
  九三学社: '九三学社社员',
  台盟: '台盟盟员',
};

export function readPoliticalStatus(raw: string): string {
  return POLITICAL_ALIASES[raw] ?? raw;
}

/** 学历 as the 任免审批表 words it (本科 is printed 大学, 专科 大专). */
const EDUCATION_ALIASES: Record<string, string> = { 本科: '大学', 大学本科: '大学', 专科: '大专', 大学专科: '大专' };

export function readEducation(raw: string): string {
  return EDUCATION_ALIASES[raw] ?? raw;
}

const CATEGORY_ALIASES: Record<string, string> = {
  参照公务员法管理: '参公',
  参照管理: '参公',
  事业单位: '事业',
  事业编制: '事业',
  国有企业: '国企',
  行政: '公务员',
  行政编制: '公务员',
};

export function readPersonCategory(raw: string): string {
  return CATEGORY_ALIASES[raw] ?? raw;
}

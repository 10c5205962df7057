import { ANNUAL_GRADES } from './codes/assessment';

/**
 * The cadre file's 年度考核结果 text (“2024年年度考核优秀；2025年年度考核称职”), kept in step with the reviewed annual
 * assessments. The text is the clerk's too (typed in, imported from LRMX), so it is edited, not overwritten:
 * statements that name years and a grade (“2023年、2024年年度考核均为称职”, “2025年度考核优秀”) are read, the
 * given years are set or removed, and those statements are written back one per year in year order; anything
 * else the text says is kept, in front.
 */
const GRADE = `(${[...ANNUAL_GRADES].sort((a, b) => b.length - a.length).join('|')})`;
const STATEMENT = new RegExp(`^((?:\\d{4}年?[、，,和及]?)+?)(?:年度|度)?考核(?:结果)?(?:均为|均|为|：|:)?${GRADE}(?:等次)?$`);
const SEPARATORS = /[；;，,。\n]+/;

/** The canonical statement of one year. */
export const annualStatement = (year: number, grade: string) => `${year}年年度考核${grade}`;

/** Years and grades read from the text, and the statements that say something else. */
export function readAnnualAssessment(text: string): { grades: Map<number, string>; other: string[] } {
  const grades = new Map<number, string>();
  const other: string[] = [];
  // A list of years (“2023年、2024年年度考核均为称职”) must not be cut at its 、 or ，: split on statements only.
  const parts = text.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  const pending: string[] = [];
  for (const part of parts) {
    // “2023年，2024年年度考核均为称职”: a bare year followed by a separator belongs to the next statement.
    if (/^\d{4}年?$/.test(part)) {
      pending.push(part);
      continue;
    }
    const whole = [...pending, part].join('、');
    pending.length = 0;
    const m = STATEMENT.exec(whole);
    if (!m) {
      other.push(whole);
      continue;
    }
    for (const y of m[1].match(/\d{4}/g) ?? []) grades.set(Number(y), m[2]);
  }
  other.push(...pending);
  return { grades, other };
}

/**
 * The text with `updates` applied: a grade sets the year's statement, null removes it. Years not in `updates`
 * keep what the text said.
 */
export function mergeAnnualAssessment(text: string, updates: ReadonlyMap<number, string | null>): string {
  const { grades, other } = readAnnualAssessment(text);
  for (const [year, grade] of updates) {
    if (grade === null) grades.delete(year);
    else grades.set(year, grade);
  }
  const statements = [...grades.entries()].sort((a, b) => a[0] - b[0]).map(([y, g]) => annualStatement(y, g));
  return [...other, ...statements].join('；');
}

/**
 * What the clerk's text should say once the year's confirmed grade is `grade` (null: no confirmed grade any more),
 * changing as little as it can: a year the text does not mention is added at its end in the canonical form, the
 * rest kept word for word; a year it states differently (or one to take out) is rewritten by
 * `mergeAnnualAssessment`. Returns `text` itself when it already agrees.
 */
export function proposeAnnualAssessment(text: string, year: number, grade: string | null): string {
  const { grades } = readAnnualAssessment(text);
  const stated = grades.get(year);
  if (grade === null) return stated === undefined ? text : mergeAnnualAssessment(text, new Map([[year, null]]));
  if (stated === grade) return text;
  if (stated !== undefined) return mergeAnnualAssessment(text, new Map([[year, grade]]));
  const kept = text.trim().replace(/[；;，,。、\s]+$/, '');
  return kept ? `${kept}；${annualStatement(year, grade)}` : annualStatement(year, grade);
}

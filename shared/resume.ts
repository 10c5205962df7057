/**
 * 简历 as structured entries and as the standard text of the 任免审批表 / LRMX:
 *   `2003.09--2007.07  XX大学XX专业学习`   (two hyphens, two spaces)
 *   `2018.06--         XX县XX局局长`        (open end: seven spaces where the end date goes)
 *   `（其间：2005.09--2008.07  XX大学在职研究生学习）`  (concurrent study, its own line)
 * Other tools write the separator as `—`, `－`, `~`, `～`, `至` or `-`, the open end as `至今`/`今`, full-width digits,
 * and `期间` for 其间; a line that does not start with a date continues the previous entry.
 */
export interface ResumeEntry {
  start: string;
  end: string | null;
  text: string;
  concurrent: boolean;
}

export interface ResumeParseResult {
  entries: ResumeEntry[];
  /** Lines that could not be read, with their 1-based line number. */
  problems: { line: number; message: string }[];
}

const OPEN_END = ' '.repeat(7);
const DATE = String.raw`(\d{4})\s*[.．年]\s*(\d{1,2})月?`;
const SEP = String.raw`\s*(?:-{1,2}|—{1,2}|－{1,2}|–{1,2}|~|～|至|到)\s*`;
// The end is a date, `至今`/`今` (open), or nothing (open, the standard's seven spaces).
const PERIOD_RE = new RegExp(String.raw`^${DATE}${SEP}(?:${DATE}|至?今)?\s*(.*)$`);
const CONCURRENT_RE = /^[（(]\s*[其期]间\s*[:：]?\s*(.*?)\s*[）)]\s*$|^[其期]间\s*[:：]\s*(.*?)\s*$/;

/** Full-width digits (from some Windows input methods) read as their ASCII forms. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function ym(y: string, m: string): string | null {
  const month = Number(m);
  if (month < 1 || month > 12) return null;
  return `${y}.${String(month).padStart(2, '0')}`;
}

export function parseResume(text: string | null | undefined): ResumeParseResult {
  const entries: ResumeEntry[] = [];
  const problems: ResumeParseResult['problems'] = [];
  const lines = (text ?? '').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = asciiDigits(raw.replace(/\u3000/g, ' ')).trim();
    if (!line) return;
    const concurrent = CONCURRENT_RE.exec(line);
    const body = concurrent ? (concurrent[1] ?? concurrent[2]) : line;
    const m = PERIOD_RE.exec(body);
    if (m) {
      const start = ym(m[1], m[2]);
      const end = m[3] ? ym(m[3], m[4]) : null;
      if (!start || (m[3] && !end)) {
        problems.push({ line: index + 1, message: `第${index + 1}行的月份无效：${line}` });
        return;
      }
      entries.push({ start, end, text: m[5].trim(), concurrent: Boolean(concurrent) });
      return;
    }
    const last = entries[entries.length - 1];
    if (last) {
      last.text = `${last.text}${line}`;
      return;
    }
    problems.push({ line: index + 1, message: `第${index + 1}行不是以“年.月”开头的简历条目：${line}` });
  });
  return { entries, problems };
}

export function formatResumeLine(entry: ResumeEntry): string {
  const period = `${entry.start}--${entry.end ?? OPEN_END}`;
  const line = `${period}  ${entry.text}`;
  return entry.concurrent ? `（其间：${line}）` : line;
}

/** The standard text; LRMX joins lines with `\r\n`. */
export function formatResume(entries: readonly ResumeEntry[], newline: '\r\n' | '\n' = '\n'): string {
  return entries.map(formatResumeLine).join(newline);
}

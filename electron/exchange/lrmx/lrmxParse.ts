import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CadreInputSchema, type CadreData, type CadreInput } from '../../../shared/cadre';
import { DEMOCRATIC_PARTIES, POLITICAL_STATUSES } from '../../../shared/codes';
import { describePath, FIELD_LABELS } from '../../../shared/fieldLabels';
import { parseResume } from '../../../shared/resume';
import { strippedNote, stripXmlIllegal } from '../../../shared/text';
import { checkIdNumber, normalizeIdNumber } from '../../../shared/validators/idNumber';
import { parseYearMonth, parseYearMonthDay } from '../../../shared/validators/yearMonth';
import { MAX_PHOTO_BYTES } from '../../services/CadreService';
import { readGender, readNation } from '../codeAliases';
import { decodeLrmxBytes, decodeXmlText } from './lrmxDecode';
import { LRMX_ELEMENTS, LRMX_FAMILY_ELEMENTS, type LrmxElement } from './lrmxElements';

/** One LRMX file read into a validated cadre record. */
export interface LrmxRecord {
  data: CadreData;
  /** The portrait (JPEG, ≤ 200 KB), or null when the file has none. */
  photo: Buffer | null;
  /** Values the file did not give and that were derived (出生年月取自身份证号 …), in Chinese. */
  notes: string[];
  /** The file's Version element, as written. */
  version: string;
}

export type LrmxParseResult = { ok: true; record: LrmxRecord } | { ok: false; errors: string[] };

const FAMILY_PATH = 'Person.JiaTingChengYuan.Item';

const parser = new XMLParser({
  ignoreAttributes: true,
  // Everything stays text: ID numbers and `198503` must not become numbers.
  parseTagValue: false,
  // Entities are decoded by decodeXmlText (predefined ones only); DOCTYPEs were refused before parsing.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '__cdata',
  isArray: (_name, jpath) => jpath === FAMILY_PATH,
});

const TAG_LABELS: Record<string, string> = {
  ...Object.fromEntries(LRMX_FAMILY_ELEMENTS.map((e) => [e.tag, `家庭成员的${FIELD_LABELS[e.field]}`])),
  // The person's own elements win where a family element has the same tag (XingMing).
  ...Object.fromEntries(LRMX_ELEMENTS.map((e) => [e.tag, labelOf(e)])),
  Person: '人员信息（Person）',
  Item: '家庭成员（Item）',
};

function labelOf(e: LrmxElement): string {
  if (e.field === 'version') return '版本号';
  return FIELD_LABELS[e.field] ?? e.tag;
}

/**
 * The validator's English message, in words a clerk can act on. Names the element where it is one of the format's
 * (a tag cut in the middle, like `</She`, is not named).
 */
function describeXmlError(err: { code: string; msg: string; line?: number; col?: number }, text: string): string {
  const where = err.line ? `（第 ${err.line} 行${err.col ? `第 ${err.col} 列` : ''}）` : '';
  const cut = (open: string[]) => {
    const inner = [...open].reverse().find((t) => TAG_LABELS[t]);
    return `文件不完整（可能在复制或传输中被截断）：${inner ? `${TAG_LABELS[inner]}没有结束标记` : '缺少结束标记'}`;
  };
  const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(err.msg);
  // The tags still open where the text ended: the file was cut short.
  if (unclosed) return cut([...unclosed[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]));
  const unclosedTag = /^Unclosed tag '([^']+)'/.exec(err.msg);
  if (unclosedTag) return cut([unclosedTag[1]]);
  if (err.msg === 'Start tag expected.') return '文件不是 XML 格式的任免审批表文件（内容为空或不以“<”开始）';
  // An error on the very last line of a file that does not end in </Person> is a cut, whatever the validator says.
  const lastLine = text.trimEnd().split('\n').length;
  if (err.line !== undefined && err.line >= lastLine && !/<\/Person>\s*$/.test(text)) return `${cut([])}${where}`;
  const tag = [...err.msg.matchAll(/'([A-Za-z_][\w.-]*)'/g)].map((m) => m[1]).find((t) => TAG_LABELS[t]);
  return `文件不是完整有效的 XML${where}${tag ? `，出错的元素：${TAG_LABELS[tag]}` : ''}`;
}

/** The text of an element, or null when it has child elements instead. */
function textOf(node: unknown): string | null {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return decodeXmlText(node).trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && !Array.isArray(node)) {
    const o = node as Record<string, unknown>;
    if (Object.keys(o).every((k) => k === '#text' || k === '__cdata')) {
      const cdata = Array.isArray(o.__cdata) ? o.__cdata.join('') : String(o.__cdata ?? '');
      return `${decodeXmlText(String(o['#text'] ?? ''))}${cdata}`.trim();
    }
  }
  return null;
}

/** `198503`, `19850324`, `1985.03`, `1985.03.24` (and the other spellings parseYearMonth reads) → `YYYY.MM`. */
function readYearMonth(raw: string): string | null {
  return raw ? parseYearMonth(raw) : '';
}

/** A year-month, or a day when the text has one: `20240815` / `2024.08.15` → `2024.08.15`, `202408` → `2024.08`. */
export function readDay(raw: string): string | null {
  if (!raw) return '';
  const s = raw.replace(/\s+/g, '');
  // A plain year-month first: read as a day, `198512` would pass for 1985.01.02.
  if (/^\d{4}(?:[.\-/年]?\d{1,2}月?)$/.test(s)) return parseYearMonth(s);
  return parseYearMonthDay(s) ?? parseYearMonth(s);
}

/** RuDangShiJian as stored: text kept, a leading `yyyyMM` written `YYYY.MM` (`201005；民盟` → `2010.05；民盟`). */
export function normalizePartyJoinDate(raw: string): string {
  const s = raw.trim();
  if (!s) return '';
  const whole = parseYearMonth(s);
  if (whole) return whole;
  const lead = /^(\d{4})(0[1-9]|1[0-2])(?!\d)(.*)$/s.exec(s);
  if (lead) return `${lead[1]}.${lead[2]}${lead[3]}`;
  return s;
}

/** 政治面貌 as the 入党时间 implies it (the LRMX format has no element for it); '' when it says nothing. */
export function politicalStatusFromPartyJoin(party: string): string {
  if (!party) return '';
  for (const p of DEMOCRATIC_PARTIES) {
    if (party.includes(p)) return POLITICAL_STATUSES.find((s) => s.startsWith(p)) ?? '';
  }
  if (party.includes('预备')) return '中共预备党员';
  if (/^\d{4}\.\d{2}/.test(party)) return '中共党员';
  return '';
}

type PhotoResult = { ok: true; jpeg: Buffer | null } | { ok: false; error: string };

/** ZhaoPian: base64 JPEG, possibly wrapped in lines or with a `data:` prefix; empty means no photo. */
export function readPhoto(raw: string): PhotoResult {
  const s = raw.replace(/\s+/g, '').replace(/^data:image\/[a-zA-Z]+;base64,/, '');
  if (!s) return { ok: true, jpeg: null };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 === 1) return { ok: false, error: '照片：数据不是有效的 base64 编码' };
  const buf = Buffer.from(s, 'base64');
  const isJpeg = buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (!isJpeg) {
    const kind =
      buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ? 'PNG'
      : buf.subarray(0, 3).toString('latin1') === 'GIF' ? 'GIF'
      : buf.subarray(0, 2).toString('latin1') === 'BM' ? 'BMP'
      : '';
    return { ok: false, error: `照片：应为JPEG图片${kind ? `（文件中为${kind}图片）` : '（文件中的数据不是图片）'}，请在原软件中换成JPEG照片后重新导出` };
  }
  if (buf.length > MAX_PHOTO_BYTES) return { ok: false, error: `照片：不能超过200 KB（当前 ${Math.ceil(buf.length / 1024)} KB），请压缩后重新导出` };
  return { ok: true, jpeg: buf };
}

/**
 * Reads one LRMX file: every element onto the cadre record, 简历 into entries, family members, the photo, and
 * what is missing derived from the ID number. All problems are returned at once, each naming the file and the field.
 */
export function parseLrmx(bytes: Uint8Array, file: string, today: Date = new Date()): LrmxParseResult {
  const fail = (messages: string[]): LrmxParseResult => ({ ok: false, errors: messages.map((m) => `${file}：${m}`) });
  const decoded = decodeLrmxBytes(bytes);
  if (!decoded.ok) return fail([decoded.error]);
  const valid = XMLValidator.validate(decoded.text);
  if (valid !== true) return fail([describeXmlError(valid.err, decoded.text)]);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(decoded.text) as Record<string, unknown>;
  } catch (err) {
    return fail([`文件不是完整有效的 XML（${(err as Error).message.slice(0, 80)}）`]);
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  if (!roots.includes('Person')) return fail([`不是任免审批表文件：根元素应为 Person${roots[0] ? `，文件中为 ${roots[0]}` : ''}`]);
  if (roots.length > 1 || Array.isArray(doc.Person)) return fail(['文件格式错误：Person 之外还有其他根元素']);
  const person = (typeof doc.Person === 'object' && doc.Person ? doc.Person : {}) as Record<string, unknown>;

  const errors: string[] = [];
  const notes: string[] = [];
  const input: Record<string, unknown> = {};
  let photo: Buffer | null = null;
  let version = '';

  // Characters no document can hold (`&#xFFFF;`, a raw U+0001 …) are taken out, field by field, with a note.
  const stripped = new Map<string, number>();
  const clean = (t: string, label: string): string => {
    const r = stripXmlIllegal(t);
    if (!r.removed) return t;
    stripped.set(label, (stripped.get(label) ?? 0) + r.removed);
    return r.text.trim();
  };

  const textIn = (node: unknown, label: string): string => {
    if (Array.isArray(node)) {
      errors.push(`${label}：在文件中出现了${node.length}次，应只有一处`);
      return '';
    }
    const t = textOf(node);
    if (t === null) {
      errors.push(`${label}：应为文字，文件中却是下级元素`);
      return '';
    }
    return clean(t, label);
  };

  for (const e of LRMX_ELEMENTS) {
    const label = labelOf(e);
    const node = person[e.tag];
    if (e.kind === 'family') {
      input.family = readFamily(node, errors, clean);
      continue;
    }
    const raw = textIn(node, label);
    switch (e.kind) {
      case 'text':
        input[e.field] = raw;
        break;
      case 'gender':
        input.gender = readGender(raw);
        break;
      case 'nation':
        input.nation = readNation(raw);
        break;
      case 'yearMonth': {
        const v = readYearMonth(raw);
        if (v === null) errors.push(`${label}：无法识别“${raw}”（应为年月，如 198503 或 1985.03）`);
        input[e.field] = v ?? '';
        break;
      }
      case 'day': {
        const v = readDay(raw);
        if (v === null) errors.push(`${label}：无法识别“${raw}”（应为日期，如 20240815 或 2024.08.15）`);
        input[e.field] = v ?? '';
        break;
      }
      case 'party':
        input.partyJoinDate = normalizePartyJoinDate(raw);
        break;
      case 'resume': {
        const r = parseResume(raw);
        for (const p of r.problems) errors.push(`简历：${p.message}`);
        input.resume = r.entries;
        break;
      }
      case 'idNumber':
        input.idNumber = normalizeIdNumber(raw);
        break;
      case 'photo': {
        const p = readPhoto(raw);
        if (!p.ok) errors.push(p.error);
        else photo = p.jpeg;
        break;
      }
      case 'version':
        version = raw;
        break;
    }
  }

  input.politicalStatus = politicalStatusFromPartyJoin(String(input.partyJoinDate));
  const id = checkIdNumber(String(input.idNumber ?? ''), today);
  if (id.ok) {
    if (!input.birthDate) {
      input.birthDate = id.info.birthYearMonth;
      notes.push(`出生年月：文件中为空，已取自身份证号（${id.info.birthYearMonth}）`);
    }
    if (!input.gender) {
      input.gender = id.info.gender;
      notes.push(`性别：文件中为空，已取自身份证号（${id.info.gender}）`);
    }
  }
  if (!photo && errors.every((m) => !m.startsWith('照片'))) notes.push('照片：文件中没有照片');
  for (const [label, removed] of stripped) notes.push(strippedNote(label, removed));

  const parsed = CadreInputSchema.safeParse(input as CadreInput);
  if (!parsed.success) {
    const seen = new Set(errors);
    for (const issue of parsed.error.issues) {
      // Without a valid ID number an empty 性别 could not be derived: the ID error says it all.
      if (!id.ok && !input.gender && issue.path[0] === 'gender') continue;
      const text = `${describePath(issue.path)}：${issue.message}`;
      if (!seen.has(text)) {
        seen.add(text);
        errors.push(text);
      }
    }
  }
  if (errors.length || !parsed.success) return fail(errors);
  return { ok: true, record: { data: parsed.data, photo, notes, version } };
}

/** JiaTingChengYuan: `<Item>`s; blank items (the form's empty rows) are skipped. */
function readFamily(node: unknown, errors: string[], clean: (t: string, label: string) => string): Record<string, string>[] {
  if (node === undefined || node === null || node === '') return [];
  if (typeof node !== 'object' || Array.isArray(node)) {
    if (Array.isArray(node)) errors.push(`${FIELD_LABELS.family}：在文件中出现了${node.length}次，应只有一处`);
    return [];
  }
  const items = ((node as Record<string, unknown>).Item ?? []) as unknown[];
  const members: Record<string, string>[] = [];
  items.forEach((item, i) => {
    if (item === '' || item === null || typeof item !== 'object') return;
    const o = item as Record<string, unknown>;
    const m: Record<string, string> = {};
    for (const { tag, field } of LRMX_FAMILY_ELEMENTS) {
      const label = `家庭成员第${i + 1}项的${FIELD_LABELS[field]}`;
      const t = Array.isArray(o[tag]) ? null : textOf(o[tag]);
      if (t === null) errors.push(`${label}：格式错误`);
      m[field] = t === null ? '' : clean(t, label);
    }
    if (Object.values(m).every((v) => v === '')) return;
    const birth = readYearMonth(m.birthDate);
    if (birth === null) errors.push(`家庭成员第${i + 1}项（${m.name || m.relation}）的出生日期：无法识别“${m.birthDate}”（应为年月，如 198503）`);
    m.birthDate = birth ?? '';
    members.push(m);
  });
  return members;
}

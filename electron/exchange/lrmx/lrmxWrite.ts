import type { CadreData, FamilyMemberData } from '../../../shared/cadre';
import { formatResume } from '../../../shared/resume';
import { toCompactDate, YEAR_MONTH_RE } from '../../../shared/validators/yearMonth';
import { escapeXmlText } from './lrmxDecode';
import { LRMX_ELEMENTS, LRMX_FAMILY_ELEMENTS, LRMX_VERSION } from './lrmxElements';

const NL = '\r\n';

/** 入党时间 as LRMX writes it: `yyyyMM`, keeping any text after the date (`201005；民盟`). */
export function compactPartyJoinDate(value: string): string {
  if (YEAR_MONTH_RE.test(value)) return toCompactDate(value);
  const lead = /^(\d{4})\.(0[1-9]|1[0-2])(?![.\d])(.*)$/s.exec(value);
  return lead ? `${lead[1]}${lead[2]}${lead[3]}` : value;
}

function element(tag: string, value: string, indent = '  '): string {
  return value === '' ? `${indent}<${tag} />` : `${indent}<${tag}>${escapeXmlText(value)}</${tag}>`;
}

function familyXml(members: readonly FamilyMemberData[]): string {
  if (!members.length) return '  <JiaTingChengYuan />';
  const items = members.map((m) => {
    const values: Record<string, string> = { ...m, birthDate: toCompactDate(m.birthDate) };
    const fields = LRMX_FAMILY_ELEMENTS.map(({ tag, field }) => element(tag, values[field] ?? '', '      '));
    return ['    <Item>', ...fields, '    </Item>'].join(NL);
  });
  return ['  <JiaTingChengYuan>', ...items, '  </JiaTingChengYuan>'].join(NL);
}

/**
 * A cadre file as the national LRMX format: UTF-8 (no BOM), `<Person>` root, elements in the standard order,
 * Version 3.2.1.6, dates `yyyyMM` (计算年龄时间/填表时间 `yyyyMMdd` when the day is known), 简历 as standard
 * lines joined with `\r\n`, the photo as base64 JPEG.
 */
export function writeLrmx(cadre: CadreData, photo: Buffer | null): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Person>'];
  for (const e of LRMX_ELEMENTS) {
    let value: string;
    switch (e.kind) {
      case 'family':
        lines.push(familyXml(cadre.family));
        continue;
      case 'yearMonth':
      case 'day':
        value = toCompactDate(cadre[e.field as keyof CadreData] as string);
        break;
      case 'party':
        value = compactPartyJoinDate(cadre.partyJoinDate);
        break;
      case 'resume':
        value = formatResume(cadre.resume, '\r\n');
        break;
      case 'photo':
        value = photo ? photo.toString('base64') : '';
        break;
      case 'version':
        value = LRMX_VERSION;
        break;
      default:
        value = String(cadre[e.field as keyof CadreData] ?? '');
    }
    lines.push(element(e.tag, value));
  }
  lines.push('</Person>');
  return lines.join(NL) + NL;
}

/** `张三.lrmx`, with characters Windows forbids in file names replaced. */
export function lrmxFileName(name: string): string {
  return `${name.replace(/[\\/:*?"<>|\s]+/g, '_') || '干部'}.lrmx`;
}

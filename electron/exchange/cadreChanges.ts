import { emptyCadre, type CadreData, type FamilyMemberData, type ResumeEntryData } from '../../shared/cadre';
import type { FieldChange, PersonSummary } from '../../shared/channels/exchange';
import { FIELD_LABELS } from '../../shared/fieldLabels';
import { formatResume } from '../../shared/resume';

/** Every field of the record, in the form's order (from the schema, so a new field is compared too). */
const COMPARED = Object.keys(emptyCadre()) as (keyof CadreData)[];

function familyLine(m: FamilyMemberData): string {
  return [m.relation, m.name, m.birthDate, m.politicalStatus, m.workUnitAndPost].filter(Boolean).join(' ');
}

/** A field's value as the form would show it (简历 and family one line per entry). */
export function displayValue(field: keyof CadreData, data: CadreData): string {
  const v = data[field];
  if (field === 'resume') return formatResume(v as ResumeEntryData[]);
  if (field === 'family') return (v as FamilyMemberData[]).map(familyLine).join('\n');
  if (field === 'tags') return (v as string[]).join('、');
  return String(v ?? '');
}

/** Field-by-field changes from `before` to `after`, labelled in Chinese. */
export function cadreChanges(before: CadreData, after: CadreData): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of COMPARED) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    changes.push({ field, label: FIELD_LABELS[field] ?? field, old: displayValue(field, before), new: displayValue(field, after) });
  }
  return changes;
}

/** The photo as a change line, or null when it stays the same. */
export function photoChange(before: Buffer | null, after: Buffer | null): FieldChange | null {
  if (!after || (before && before.equals(after))) return null;
  const kb = `JPEG ${Math.max(1, Math.round(after.length / 1024))} KB`;
  return { field: 'photo', label: FIELD_LABELS.photo ?? '照片', old: before ? '有' : '无', new: before ? `更换为新照片（${kb}）` : `新照片（${kb}）` };
}

export function personSummary(data: CadreData, hasPhoto: boolean): PersonSummary {
  return {
    name: data.name,
    gender: data.gender,
    birthDate: data.birthDate,
    idNumber: data.idNumber,
    currentPosition: data.currentPosition,
    hasPhoto,
  };
}

/** A stored file's record fields (what an import compares and overwrites). */
export function recordOf(c: CadreData): CadreData {
  const out = {} as Record<string, unknown>;
  for (const field of COMPARED) out[field] = c[field];
  return out as CadreData;
}

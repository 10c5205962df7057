import { In, MoreThan, type EntityManager, type EntityTarget } from 'typeorm';
import {
  AssessmentRecordEntity,
  BatchEntity,
  BatchMeetingEntity,
  CadreEntity,
  DemoMarkEntity,
  GrowthEvaluationEntity,
  LeaveEntryEntity,
  PostingEntity,
  WorkResultEntity,
} from '../db/entities';

type Row = { id: number; createdAt: string };

/** The tables whose rows the demo registers (demo_mark.entity_type is the table's name). */
const TABLES = {
  cadre: CadreEntity,
  batch: BatchEntity,
  posting: PostingEntity,
  batch_meeting: BatchMeetingEntity,
  assessment_record: AssessmentRecordEntity,
  leave_entry: LeaveEntryEntity,
  work_result: WorkResultEntity,
  growth_evaluation: GrowthEvaluationEntity,
} as const satisfies Record<string, EntityTarget<Row>>;
export type DemoTable = keyof typeof TABLES;
const NAMES = Object.keys(TABLES) as DemoTable[];
export type DemoIds = Record<DemoTable, Set<number>>;

const CHUNK = 400;
function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/** The highest id of each registered table, before the demo writes (inside the demo's own write transaction). */
export async function highestIds(m: EntityManager): Promise<Record<DemoTable, number>> {
  const out = {} as Record<DemoTable, number>;
  for (const t of NAMES) {
    const r = await m.createQueryBuilder(TABLES[t], 't').select('MAX(t.id)', 'max').getRawOne<{ max: number | null }>();
    out[t] = Number(r?.max ?? 0);
  }
  return out;
}

/**
 * Registers every row written after `before` (the demo's transaction is the only writer: BEGIN IMMEDIATE), with its
 * created_at. Returns how many rows were registered.
 */
export async function markRowsAfter(m: EntityManager, before: Record<DemoTable, number>): Promise<number> {
  let n = 0;
  for (const t of NAMES) {
    const rows = (await m.find(TABLES[t] as EntityTarget<Row>, { select: { id: true, createdAt: true }, where: { id: MoreThan(before[t]) } })) as Row[];
    for (const part of chunks(rows)) await m.insert(DemoMarkEntity, part.map((r) => ({ entityType: t, entityId: r.id, createdAt: r.createdAt })));
    n += rows.length;
  }
  return n;
}

/** The registered rows that still exist as the demo wrote them (same id and created_at), by table. */
export async function demoIds(m: EntityManager, tables: readonly DemoTable[] = NAMES): Promise<DemoIds> {
  const marks = await m.find(DemoMarkEntity, { where: { entityType: In([...tables]) } });
  const out = Object.fromEntries(NAMES.map((t) => [t, new Set<number>()])) as DemoIds;
  for (const t of tables) {
    const mine = new Map(marks.filter((k) => k.entityType === t).map((k) => [k.entityId, k.createdAt]));
    for (const part of chunks([...mine.keys()])) {
      const rows = (await m.find(TABLES[t] as EntityTarget<Row>, { select: { id: true, createdAt: true }, where: { id: In(part) } })) as Row[];
      for (const r of rows) if (mine.get(r.id) === r.createdAt) out[t].add(r.id);
    }
  }
  return out;
}

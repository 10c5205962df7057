import { In, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { DemoClearReport, DemoKept, DemoStatus } from '../../shared/demo';
import {
  AssessmentRecordEntity,
  BatchBranchMemberEntity,
  BatchEntity,
  BatchMeetingEntity,
  BatchSubGroupEntity,
  BatchSubGroupMemberEntity,
  CadreEntity,
  CadrePhotoEntity,
  DemoMarkEntity,
  GrowthEvaluationEntity,
  LeaveEntryEntity,
  PostingEntity,
  PostingStatusChangeEntity,
  WorkResultEntity,
} from '../db/entities';
import type { AppServices } from '../services/AppServices';
import { releaseFromBatch } from '../services/batchMembership';
import { recordLabel } from '../services/growthRows';
import type { ServiceContext } from '../services/ServiceContext';
import { demoIds } from './demoMarks';

/**
 * 清除示例数据: removes what the demo loader wrote (electron/demo/demoMarks.ts) and everything hanging off it —
 * the demo files with all their postings (in any batch), the records, evaluations, leave and results of those
 * postings, the demo batches and meetings — and nothing a clerk entered about a real person. Kept, and said so:
 * - a posting with an archived 考核记录 or 成长评价 (archives are kept for good: no path deletes them), whole, with its
 *   file and its batch;
 * - a demo batch that still has a member who is not a demo file (the clerk's own people): only its demo members
 *   leave (their 组长/书记 roles are unset), the batch stays with its sub-groups and themes.
 * What is kept is then no longer demo data to clear (the home page stops offering it): the registry is emptied.
 */
const ACTION = '清除示例数据';

interface Plan {
  removePostings: PostingEntity[];
  removeCadres: CadreEntity[];
  removeBatches: BatchEntity[];
  removeMeetingIds: number[];
  kept: DemoKept[];
  counts: DemoClearReport['removed'];
}

function chunks<T>(xs: readonly T[], n = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** `m.find` over ids in chunks (no `IN ()` with nothing, no statement over the variable limit). */
async function findIn<E extends object>(m: EntityManager, entity: new () => E, key: keyof E & string, ids: readonly number[], extra: FindOptionsWhere<E> = {}): Promise<E[]> {
  const out: E[] = [];
  for (const part of chunks([...new Set(ids)])) out.push(...(await m.find(entity, { where: { ...extra, [key]: In(part) } as FindOptionsWhere<E> })));
  return out;
}

async function countIn(m: EntityManager, entity: new () => { postingId: number }, postingIds: readonly number[]): Promise<number> {
  let n = 0;
  for (const part of chunks(postingIds)) n += await m.countBy(entity, { postingId: In(part) });
  return n;
}

async function plan(m: EntityManager): Promise<Plan> {
  const ids = await demoIds(m);
  const demoCadreIds = [...ids.cadre];
  const byId = new Map<number, PostingEntity>();
  for (const p of [...(await findIn(m, PostingEntity, 'id', [...ids.posting])), ...(await findIn(m, PostingEntity, 'cadreId', demoCadreIds))]) byId.set(p.id, p);
  const candidates = [...byId.values()];
  const candidateIds = candidates.map((p) => p.id);

  // Archived records hold their posting (and so its file and batch) for good.
  const archived = new Map<number, string[]>();
  const note = (postingId: number, label: string) => archived.set(postingId, [...(archived.get(postingId) ?? []), label]);
  for (const r of await findIn(m, AssessmentRecordEntity, 'postingId', candidateIds, { state: '已归档' })) note(r.postingId, recordLabel(r.kind, r.period));
  for (const part of chunks(candidateIds))
    for (const e of await m.find(GrowthEvaluationEntity, { where: [{ postingId: In(part), state: '已归档' }, { postingId: In(part), archiveHash: Not('') }] }))
      note(e.postingId, `成长评价（${e.period}）`);

  const removePostings = candidates.filter((p) => !archived.has(p.id));
  const keptPostings = candidates.filter((p) => archived.has(p.id));
  const removedPostingIds = new Set(removePostings.map((p) => p.id));

  const cadres = new Map((await findIn(m, CadreEntity, 'id', [...demoCadreIds, ...candidates.map((p) => p.cadreId)])).map((c) => [c.id, c]));
  const keptCadreIds = new Set(keptPostings.map((p) => p.cadreId));
  const removeCadres = demoCadreIds
    .filter((id) => !keptCadreIds.has(id))
    .map((id) => cadres.get(id)!)
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const nameOf = (cadreId: number) => cadres.get(cadreId)?.name ?? `编号 ${cadreId}`;

  const kept: DemoKept[] = [];
  for (const p of keptPostings.sort((a, b) => nameOf(a.cadreId).localeCompare(nameOf(b.cadreId), 'zh-CN') || a.startDate.localeCompare(b.startDate)))
    kept.push({
      what: `${nameOf(p.cadreId)}${ids.cadre.has(p.cadreId) ? '的档案及' : ''}在${p.hostUnit || '挂职单位未填'}的挂职（${p.startDate}—${p.actualEndDate || p.plannedEndDate}）`,
      reason: `有已归档的${archived.get(p.id)!.join('、')}，已归档的记录须永久保存，不能删除`,
    });

  const batches = await findIn(m, BatchEntity, 'id', [...ids.batch]);
  const removeBatches: BatchEntity[] = [];
  for (const b of batches.sort((x, y) => x.id - y.id)) {
    const staying = (await m.find(PostingEntity, { select: { id: true, cadreId: true }, where: { batchId: b.id } })).filter((p) => !removedPostingIds.has(p.id));
    if (!staying.length) {
      removeBatches.push(b);
      continue;
    }
    const others = staying.filter((p) => !keptPostings.some((k) => k.id === p.id));
    const names = others.length ? (await findIn(m, CadreEntity, 'id', others.map((p) => p.cadreId))).map((c) => c.name) : [];
    const keptNames = staying.filter((p) => keptPostings.some((k) => k.id === p.id)).map((p) => nameOf(p.cadreId));
    kept.push({
      what: `批次“${b.name}”`,
      reason: [
        names.length ? `其中有不是示例数据的成员（${names.join('、')}）` : '',
        keptNames.length ? `${keptNames.join('、')}的挂职有已归档的记录` : '',
      ]
        .filter(Boolean)
        .join('；')
        .concat('，批次保留，只移出其中的示例人员'),
    });
  }
  const removedBatchIds = new Set(removeBatches.map((b) => b.id));
  const meetings = await findIn(m, BatchMeetingEntity, 'id', [...ids.batch_meeting]);
  const removeMeetingIds = meetings.filter((mt) => !removedBatchIds.has(mt.batchId)).map((mt) => mt.id);
  let batchMeetings = 0;
  for (const part of chunks([...removedBatchIds])) batchMeetings += await m.countBy(BatchMeetingEntity, { batchId: In(part) });

  const postingIds = [...removedPostingIds];
  return {
    removePostings,
    removeCadres,
    removeBatches,
    removeMeetingIds,
    kept,
    counts: {
      cadres: removeCadres.length,
      batches: removeBatches.length,
      postings: removePostings.length,
      records: await countIn(m, AssessmentRecordEntity, postingIds),
      evaluations: await countIn(m, GrowthEvaluationEntity, postingIds),
      leave: await countIn(m, LeaveEntryEntity, postingIds),
      results: await countIn(m, WorkResultEntity, postingIds),
      meetings: batchMeetings + removeMeetingIds.length,
    },
  };
}

async function apply(s: AppServices, ctx: ServiceContext, m: EntityManager, p: Plan): Promise<void> {
  for (const posting of p.removePostings) if (posting.batchId !== null) await releaseFromBatch(m, posting.batchId, posting.cadreId);
  for (const part of chunks(p.removePostings.map((x) => x.id))) {
    // Explicitly rather than by the cascade: the archive triggers would refuse an archived row either way.
    await m.delete(AssessmentRecordEntity, { postingId: In(part) });
    await m.delete(GrowthEvaluationEntity, { postingId: In(part) });
    await m.delete(LeaveEntryEntity, { postingId: In(part) });
    await m.delete(WorkResultEntity, { postingId: In(part) });
    await m.delete(PostingStatusChangeEntity, { postingId: In(part) });
    await m.delete(PostingEntity, { id: In(part) });
  }
  for (const part of chunks(p.removeCadres.map((c) => c.id))) {
    await m.delete(CadrePhotoEntity, { cadreId: In(part) });
    await m.delete(CadreEntity, { id: In(part) });
  }
  for (const part of chunks(p.removeMeetingIds)) await m.delete(BatchMeetingEntity, { id: In(part) });
  for (const b of p.removeBatches) {
    const groupIds = (await m.find(BatchSubGroupEntity, { select: { id: true }, where: { batchId: b.id } })).map((g) => g.id);
    if (groupIds.length) await m.delete(BatchSubGroupMemberEntity, { subGroupId: In(groupIds) });
    await m.delete(BatchSubGroupEntity, { batchId: b.id });
    await m.delete(BatchBranchMemberEntity, { batchId: b.id });
    await m.delete(BatchMeetingEntity, { batchId: b.id });
    await m.delete(BatchEntity, { id: b.id });
  }
  // What stays was reported with its reason and is no longer offered for clearing: the marks all go.
  await m.createQueryBuilder().delete().from(DemoMarkEntity).execute();
  await s.audit.recordMany(m, ctx, [
    ...p.removePostings.map((x) => ({
      entityType: 'posting',
      entityId: x.id,
      action: ACTION,
      changes: { hostUnit: [x.hostUnit, null] as [unknown, unknown], startDate: [x.startDate, null] as [unknown, unknown], plannedEndDate: [x.plannedEndDate, null] as [unknown, unknown] },
    })),
    ...p.removeCadres.map((c) => ({ entityType: 'cadre', entityId: c.id, action: ACTION, changes: { name: [c.name, null] as [unknown, unknown], idNumber: [c.idNumber, null] as [unknown, unknown] } })),
    ...p.removeBatches.map((b) => ({ entityType: 'batch', entityId: b.id, action: ACTION, changes: { name: [b.name, null] as [unknown, unknown] } })),
  ]);
}

/** 清除示例数据 (all-or-nothing), or with `preview` only what it would remove and keep. */
export async function clearDemo(s: AppServices, ctx: ServiceContext, options: { preview?: boolean } = {}): Promise<DemoClearReport> {
  const report = (p: Plan, done: boolean): DemoClearReport => ({ done, removed: p.counts, removedNames: p.removeCadres.map((c) => c.name), kept: p.kept });
  if (options.preview) return report(await s.db.read(plan), false);
  return s.db.write(async (m) => {
    const p = await plan(m);
    await apply(s, ctx, m, p);
    return report(p, true);
  });
}

/** Whether the home page offers the demo (an empty database), and how many demo files and batches are left. */
export async function demoStatus(s: AppServices): Promise<DemoStatus> {
  return s.db.read(async (m) => {
    const [cadres, batches, ids] = await Promise.all([m.count(CadreEntity), m.count(BatchEntity), demoIds(m, ['cadre', 'batch'])]);
    return { offer: cadres === 0 && batches === 0, cadres: ids.cadre.size, batches: ids.batch.size };
  });
}

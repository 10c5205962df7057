import { In, type EntityManager } from 'typeorm';
import { conflict } from '../../shared/errors';
import { BatchBranchMemberEntity, BatchEntity, BatchSubGroupEntity, BatchSubGroupMemberEntity, CadreEntity } from '../db/entities';

/** The ids of a batch's sub-groups. */
export async function subGroupIdsOf(m: EntityManager, batchId: number): Promise<number[]> {
  return (await m.find(BatchSubGroupEntity, { select: { id: true }, where: { batchId } })).map((g) => g.id);
}

/**
 * Takes a cadre out of a batch's sub-groups and party branch before their posting leaves the batch.
 * The leader and the branch secretary are refused: the batch must get a new one first.
 */
export async function detachFromBatch(m: EntityManager, batchId: number, cadreId: number): Promise<void> {
  const batch = await m.findOneBy(BatchEntity, { id: batchId });
  if (!batch) return;
  const name = async () => (await m.findOneBy(CadreEntity, { id: cadreId }))?.name ?? `编号 ${cadreId}`;
  if (batch.leaderId === cadreId) throw conflict(`“${await name()}”是批次“${batch.name}”的组长，请先更换组长再移出`);
  if (batch.branchSecretaryId === cadreId)
    throw conflict(`“${await name()}”是批次“${batch.name}”临时党支部书记，请先更换书记再移出`);
  const groupIds = await subGroupIdsOf(m, batchId);
  if (groupIds.length) await m.delete(BatchSubGroupMemberEntity, { cadreId, subGroupId: In(groupIds) });
  await m.update(BatchSubGroupEntity, { batchId, leaderId: cadreId }, { leaderId: null });
  await m.delete(BatchBranchMemberEntity, { batchId, cadreId });
}

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

/**
 * Takes a cadre out of a batch's structure whatever their role (清除示例数据: the member is going for good): 组长 and
 * 支部书记 are unset, sub-group and branch memberships removed. Returns the roles that were unset.
 */
export async function releaseFromBatch(m: EntityManager, batchId: number, cadreId: number): Promise<string[]> {
  const batch = await m.findOneBy(BatchEntity, { id: batchId });
  if (!batch) return [];
  const roles: string[] = [];
  if (batch.leaderId === cadreId) {
    await m.update(BatchEntity, { id: batchId }, { leaderId: null });
    roles.push('组长');
  }
  if (batch.branchSecretaryId === cadreId) {
    await m.update(BatchEntity, { id: batchId }, { branchSecretaryId: null });
    roles.push('临时党支部书记');
  }
  const groupIds = await subGroupIdsOf(m, batchId);
  if (groupIds.length) await m.delete(BatchSubGroupMemberEntity, { cadreId, subGroupId: In(groupIds) });
  await m.update(BatchSubGroupEntity, { batchId, leaderId: cadreId }, { leaderId: null });
  await m.delete(BatchBranchMemberEntity, { batchId, cadreId });
  return roles;
}

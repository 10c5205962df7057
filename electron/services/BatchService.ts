import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { AuditEntry } from '../../shared/audit';
import {
  AddMembersInputSchema,
  BatchInputSchema,
  BatchListQuerySchema,
  MeetingInputSchema,
  MemberDefaultsSchema,
  PartyBranchInputSchema,
  SubGroupsInputSchema,
  ThemesInputSchema,
  type AddMembersInput,
  type AddMembersResult,
  type Batch,
  type BatchData,
  type BatchInput,
  type BatchListItem,
  type BatchListQuery,
  type BatchMember,
  type BatchPage,
  type Meeting,
  type MeetingCounts,
  type MeetingInput,
  type MemberToAdd,
  type PartyBranch,
  type PartyBranchInput,
  type QuarterTheme,
  type StatusCounts,
  type SubGroup,
  type SubGroupsInput,
} from '../../shared/batch';
import { CPC_MEMBER_STATUSES } from '../../shared/codes/politicalStatus';
import { MEETING_TYPES, POSTING_STATUSES, type PostingStatus } from '../../shared/codes/secondment';
import { conflict, formatZodError, notFound, validationError } from '../../shared/errors';
import { PostingInputSchema } from '../../shared/posting';
import {
  BatchBranchMemberEntity,
  BatchEntity,
  BatchMeetingEntity,
  BatchSubGroupEntity,
  BatchSubGroupMemberEntity,
  CadreEntity,
  PostingEntity,
} from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import { POSTING_SELECT, rowToPosting } from './postingRows';
import type { PostingService } from './PostingService';
import type { ServiceContext } from './ServiceContext';

const ENTITY = 'batch';

/**
 * The batch page's member rows: one query over the batch's postings and their cadres. Used by the service and,
 * unchanged, by the benchmark's raw baseline.
 */
export const BATCH_MEMBERS_SQL = `SELECT ${POSTING_SELECT}, c.name AS cadre_name, c.gender, c.birth_date, c.political_status, c.phone,
  c.deleted_at AS cadre_deleted_at, c.sort_key
  FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.batch_id = ? ORDER BY c.sort_key, p.id`;

const emptyStatusCounts = (): StatusCounts => Object.fromEntries(POSTING_STATUSES.map((s) => [s, 0])) as StatusCounts;

function toBatch(e: BatchEntity): Batch {
  return { ...e, themes: e.themes ?? [] };
}

/** The basic fields of a batch as the audit log compares them. */
function auditableBatch(b: Batch | null): Record<string, unknown> | null {
  if (!b) return null;
  const { createdAt: _c, updatedAt: _u, id: _id, themes: _t, branchName: _n, branchFoundedDate: _f, branchSecretaryId: _s, ...rest } = b;
  return rest;
}

function toMeeting(e: BatchMeetingEntity): Meeting {
  return { ...e };
}

/** Batches (批次/工作组): the work group's structure, its members (via postings) and its meetings log. */
export class BatchService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly postings: PostingService,
  ) {}

  /** The batch list, newest first, with member counts by status and the meeting count. */
  async list(input: BatchListQuery = {}): Promise<BatchListItem[]> {
    const q = BatchListQuerySchema.parse(input);
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (q.query) {
      const like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      clauses.push(`(b.name LIKE ? ESCAPE '\\' OR b.to_place LIKE ? ESCAPE '\\' OR b.from_place LIKE ? ESCAPE '\\' OR b.receiving_org LIKE ? ESCAPE '\\')`);
      params.push(like, like, like, like);
    }
    if (q.type) clauses.push('b.type = ?'), params.push(q.type);
    if (q.direction) clauses.push('b.direction = ?'), params.push(q.direction);
    const m = this.db.manager;
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT b.id, b.name, b.type, b.direction, b.from_place, b.to_place, b.dispatching_org, b.receiving_org, b.start_date,
         b.end_date, b.leader_id, l.name AS leader_name,
         (SELECT COUNT(*) FROM batch_meeting mt WHERE mt.batch_id = b.id) AS meeting_count
       FROM batch b LEFT JOIN cadre l ON l.id = b.leader_id
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
       ORDER BY b.start_date DESC, b.id DESC`,
      params,
    );
    const counts: { batch_id: number; status: PostingStatus; n: number }[] = await m.query(
      `SELECT batch_id, status, COUNT(*) AS n FROM posting WHERE batch_id IS NOT NULL GROUP BY batch_id, status`,
    );
    const byBatch = new Map<number, StatusCounts>();
    for (const c of counts) {
      const sc = byBatch.get(Number(c.batch_id)) ?? emptyStatusCounts();
      sc[c.status] = Number(c.n);
      byBatch.set(Number(c.batch_id), sc);
    }
    return rows.map((r) => {
      const statusCounts = byBatch.get(Number(r.id)) ?? emptyStatusCounts();
      return {
        id: Number(r.id),
        name: String(r.name),
        type: r.type as BatchListItem['type'],
        direction: r.direction as BatchListItem['direction'],
        fromPlace: String(r.from_place),
        toPlace: String(r.to_place),
        dispatchingOrg: String(r.dispatching_org),
        receivingOrg: String(r.receiving_org),
        startDate: String(r.start_date),
        endDate: String(r.end_date),
        leaderId: r.leader_id == null ? null : Number(r.leader_id),
        leaderName: r.leader_name == null ? null : String(r.leader_name),
        memberCount: Object.values(statusCounts).reduce((a, b) => a + b, 0),
        statusCounts,
        meetingCount: Number(r.meeting_count),
      };
    });
  }

  /** Finds a batch by id or by exact name (as the CLI accepts either). */
  async resolve(ref: string | number): Promise<Batch> {
    const s = String(ref).trim();
    const e = /^\d{1,9}$/.test(s)
      ? await this.db.manager.findOneBy(BatchEntity, { id: Number(s) })
      : await this.db.manager.findOneBy(BatchEntity, { name: s });
    if (!e) throw notFound(`未找到批次“${s}”`);
    return toBatch(e);
  }

  /** Everything the batch page shows, in one call. */
  async get(id: number, m: EntityManager = this.db.manager): Promise<BatchPage> {
    const e = await m.findOneBy(BatchEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的批次`);
    const batch = toBatch(e);
    const [memberRows, groupRows, groupMemberRows, branchRows, meetingRows] = (await Promise.all([
      m.query(BATCH_MEMBERS_SQL, [id]),
      m.query(`SELECT id, group_name, leader_id, sort_order FROM batch_sub_group WHERE batch_id = ? ORDER BY sort_order, id`, [id]),
      m.query(
        `SELECT gm.sub_group_id, gm.cadre_id FROM batch_sub_group_member gm JOIN batch_sub_group g ON g.id = gm.sub_group_id
         WHERE g.batch_id = ? ORDER BY gm.sub_group_id`,
        [id],
      ),
      m.query(`SELECT cadre_id FROM batch_branch_member WHERE batch_id = ?`, [id]),
      m.query(`SELECT * FROM batch_meeting WHERE batch_id = ? ORDER BY date DESC, id DESC`, [id]),
    ])) as Record<string, unknown>[][];

    const subGroups: SubGroup[] = groupRows.map((g) => ({
      id: Number(g.id),
      groupName: String(g.group_name),
      leaderId: g.leader_id == null ? null : Number(g.leader_id),
      sortOrder: Number(g.sort_order),
      memberIds: [],
    }));
    const groupById = new Map(subGroups.map((g) => [g.id, g]));
    const groupsOfCadre = new Map<number, number[]>();
    for (const r of groupMemberRows) {
      const gid = Number(r.sub_group_id);
      const cid = Number(r.cadre_id);
      groupById.get(gid)?.memberIds.push(cid);
      const list = groupsOfCadre.get(cid) ?? [];
      list.push(gid);
      groupsOfCadre.set(cid, list);
    }
    const branchIds = new Set(branchRows.map((r) => Number(r.cadre_id)));

    const statusCounts = emptyStatusCounts();
    const names = new Map<number, string>();
    const members: BatchMember[] = memberRows.map((r) => {
      const p = rowToPosting(r);
      statusCounts[p.status]++;
      names.set(p.cadreId, String(r.cadre_name));
      return {
        postingId: p.id,
        cadreId: p.cadreId,
        name: String(r.cadre_name),
        gender: String(r.gender),
        birthDate: String(r.birth_date),
        politicalStatus: String(r.political_status),
        phone: String(r.phone),
        cadreDeleted: r.cadre_deleted_at != null,
        originalUnit: p.originalUnit,
        originalPost: p.originalPost,
        hostUnit: p.hostUnit,
        hostPost: p.hostPost,
        postType: p.postType,
        startDate: p.startDate,
        plannedEndDate: p.plannedEndDate,
        actualEndDate: p.actualEndDate,
        status: p.status,
        politicalMentor: p.politicalMentor,
        businessMentor: p.businessMentor,
        isLeader: batch.leaderId === p.cadreId,
        isBranchSecretary: batch.branchSecretaryId === p.cadreId,
        inBranch: branchIds.has(p.cadreId),
        subGroupIds: groupsOfCadre.get(p.cadreId) ?? [],
      };
    });

    const meetings = meetingRows.map((r) => ({
      id: Number(r.id),
      batchId: Number(r.batch_id),
      type: r.type as Meeting['type'],
      date: String(r.date),
      topic: String(r.topic),
      attendance: r.attendance == null ? null : Number(r.attendance),
      minutes: String(r.minutes),
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at),
    }));
    const meetingCounts = Object.fromEntries([...MEETING_TYPES.map((t) => [t, 0]), ['total', meetings.length]]) as MeetingCounts;
    for (const mt of meetings) meetingCounts[mt.type]++;

    return {
      batch,
      leaderName: batch.leaderId == null ? null : (names.get(batch.leaderId) ?? null),
      members,
      statusCounts,
      subGroups,
      partyBranch: {
        branchName: batch.branchName,
        foundedDate: batch.branchFoundedDate,
        secretaryId: batch.branchSecretaryId,
        secretaryName: batch.branchSecretaryId == null ? null : (names.get(batch.branchSecretaryId) ?? null),
        memberIds: members.filter((x) => branchIds.has(x.cadreId)).map((x) => x.cadreId),
      },
      themes: batch.themes,
      meetings,
      meetingCounts,
    };
  }

  /** Creates (no id) or updates the batch's basic fields. The leader must already be a member. */
  async save(ctx: ServiceContext, input: BatchInput, id?: number): Promise<Batch> {
    const data = BatchInputSchema.parse(input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, data: BatchData, id?: number, action?: string): Promise<Batch> {
    const twin = await m.findOneBy(BatchEntity, { name: data.name });
    if (twin && twin.id !== id) throw conflict(`批次名称：“${data.name}”已存在，请换一个名称`);
    const now = new Date().toISOString();
    if (id === undefined) {
      if (data.leaderId !== null) throw validationError('组长：应为本批次成员，请先添加成员再指定组长');
      const saved = await m.save(
        BatchEntity,
        m.create(BatchEntity, { ...data, themes: [], branchName: '', branchFoundedDate: '', branchSecretaryId: null, createdAt: now, updatedAt: now }),
      );
      const created = toBatch(saved);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: created.id, action: action ?? '新建', changes: diffRecords(null, auditableBatch(created)) });
      return created;
    }
    const existing = await m.findOneBy(BatchEntity, { id });
    if (!existing) throw notFound(`未找到编号为 ${id} 的批次`);
    if (data.leaderId !== null) await this.requireMembers(m, existing, [data.leaderId], '组长');
    if (data.direction !== existing.direction) {
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM posting WHERE batch_id = ?`, [id]);
      if (Number(n) > 0) throw conflict(`方向（派出/接收）：批次已有 ${n} 名成员，不能再改为“${data.direction}”`);
    }
    const before = toBatch(existing);
    await m.update(BatchEntity, { id }, { ...data, updatedAt: now });
    const after = toBatch((await m.findOneBy(BatchEntity, { id }))!);
    const changes = diffRecords(auditableBatch(before), auditableBatch(after));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: action ?? '修改', changes });
    return after;
  }

  /** Deletes a batch without members (its sub-groups, branch and meetings go with it). */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await m.findOneBy(BatchEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的批次`);
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM posting WHERE batch_id = ?`, [id]);
      if (Number(n) > 0) throw conflict(`批次“${e.name}”还有 ${n} 名成员，请先移出成员再删除`);
      await m.query(`DELETE FROM batch_sub_group_member WHERE sub_group_id IN (SELECT id FROM batch_sub_group WHERE batch_id = ?)`, [id]);
      await m.delete(BatchSubGroupEntity, { batchId: id });
      await m.delete(BatchBranchMemberEntity, { batchId: id });
      await m.delete(BatchMeetingEntity, { batchId: id });
      await m.delete(BatchEntity, { id });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '删除', changes: diffRecords(auditableBatch(toBatch(e)), null) });
    });
  }

  // ---- Members -------------------------------------------------------------------------------------------

  /** Adds cadres chosen in the cadre list (multi-select): one posting each, all-or-nothing. */
  async addMembers(ctx: ServiceContext, input: AddMembersInput): Promise<AddMembersResult> {
    const v = AddMembersInputSchema.parse(input);
    return this.db.write((m) => this.addMembersWith(m, ctx, v.batchId, v.cadreIds.map((cadreId) => ({ ...v.defaults, cadreId }))));
  }

  /**
   * Adds members inside a caller's transaction (the roster import's `--batch`). Each member gets a posting in the
   * batch's direction; unset dates come from the batch; 原单位/原职务 from the cadre file unless given. Cadres
   * already in the batch are left as they are and reported. Any refusal names the cadre and undoes the whole call.
   */
  async addMembersWith(m: EntityManager, ctx: ServiceContext, batchId: number, members: MemberToAdd[], action = '加入批次'): Promise<AddMembersResult> {
    const batch = await m.findOneBy(BatchEntity, { id: batchId });
    if (!batch) throw notFound(`批次：未找到编号为 ${batchId} 的批次`);
    const result: AddMembersResult = { added: [], alreadyMembers: [] };
    const seen = new Set<number>();
    for (const member of members) {
      if (seen.has(member.cadreId)) continue;
      seen.add(member.cadreId);
      const cadre = await m.findOneBy(CadreEntity, { id: member.cadreId });
      if (!cadre) throw notFound(`干部：未找到编号为 ${member.cadreId} 的干部档案`);
      if (await m.findOneBy(PostingEntity, { batchId, cadreId: cadre.id })) {
        result.alreadyMembers.push({ cadreId: cadre.id, name: cadre.name });
        continue;
      }
      const parsed = MemberDefaultsSchema.safeParse(member);
      if (!parsed.success) throw validationError(`“${cadre.name}”：${formatZodError(parsed.error)}`);
      const d = parsed.data;
      const startDate = d.startDate || batch.startDate;
      const plannedEndDate = d.plannedEndDate || batch.endDate;
      const posting = PostingInputSchema.safeParse({
        cadreId: cadre.id,
        batchId,
        direction: batch.direction,
        originalUnit: member.originalUnit ?? cadre.workUnit,
        originalPost: member.originalPost ?? cadre.currentPosition,
        hostUnit: d.hostUnit,
        hostPost: d.hostPost,
        postType: d.postType,
        startDate,
        plannedEndDate,
        status: d.status,
        politicalMentor: member.politicalMentor,
        businessMentor: member.businessMentor,
        notes: member.notes ?? '',
      });
      if (!posting.success) {
        const hint = !startDate || !plannedEndDate ? '（批次未设起止日期时，请填写挂职的开始和计划结束日期）' : '';
        throw validationError(`“${cadre.name}”：${formatZodError(posting.error)}${hint}`);
      }
      const saved = await this.postings.saveWith(m, ctx, posting.data, undefined, `加入批次“${batch.name}”`);
      result.added.push({ cadreId: cadre.id, postingId: saved.id, name: cadre.name });
    }
    if (result.added.length)
      await this.audit.record(m, ctx, {
        entityType: ENTITY,
        entityId: batchId,
        action,
        changes: { members: [null, result.added.map((a) => a.name).join('、')] },
      });
    return result;
  }

  /** Takes a member out of the batch: their posting in it is deleted (with its status history). */
  async removeMember(ctx: ServiceContext, batchId: number, cadreId: number): Promise<void> {
    await this.db.write(async (m) => {
      const batch = await m.findOneBy(BatchEntity, { id: batchId });
      if (!batch) throw notFound(`未找到编号为 ${batchId} 的批次`);
      const posting = await m.findOneBy(PostingEntity, { batchId, cadreId });
      const cadre = await m.findOneBy(CadreEntity, { id: cadreId });
      if (!posting) throw notFound(`“${cadre?.name ?? cadreId}”不是批次“${batch.name}”的成员`);
      await this.postings.removeWith(m, ctx, posting.id, `移出批次“${batch.name}”`);
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: batchId, action: '移出成员', changes: { members: [cadre?.name ?? String(cadreId), null] } });
    });
  }

  /** Refuses cadres who are not members of the batch, naming them. Returns the members' names by id. */
  private async requireMembers(m: EntityManager, batch: BatchEntity, cadreIds: number[], what: string): Promise<Map<number, { name: string; politicalStatus: string }>> {
    const rows: { cadre_id: number; name: string; political_status: string }[] = await m.query(
      `SELECT p.cadre_id, c.name, c.political_status FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.batch_id = ?`,
      [batch.id],
    );
    const members = new Map(rows.map((r) => [Number(r.cadre_id), { name: String(r.name), politicalStatus: String(r.political_status) }]));
    for (const cid of cadreIds) {
      if (members.has(cid)) continue;
      const c = await m.findOneBy(CadreEntity, { id: cid });
      throw validationError(`${what}：${c ? `“${c.name}”` : `编号为 ${cid} 的干部`}不是批次“${batch.name}”的成员`);
    }
    return members;
  }

  // ---- Sub-groups, party branch, themes ------------------------------------------------------------------

  /** Replaces the batch's sub-groups (ones left out are removed); members must be members of the batch. */
  async saveSubGroups(ctx: ServiceContext, input: SubGroupsInput): Promise<SubGroup[]> {
    const v = SubGroupsInputSchema.parse(input);
    await this.db.write((m) => this.saveSubGroupsWith(m, ctx, v));
    return (await this.get(v.batchId)).subGroups;
  }

  async saveSubGroupsWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof SubGroupsInputSchema>): Promise<void> {
    const batch = await m.findOneBy(BatchEntity, { id: v.batchId });
    if (!batch) throw notFound(`未找到编号为 ${v.batchId} 的批次`);
    const seenNames = new Map<string, number>();
    v.subGroups.forEach((g, i) => {
      const prev = seenNames.get(g.groupName);
      if (prev !== undefined) throw validationError(`工作小组第${i + 1}条的小组名称：与第${prev + 1}条重名（“${g.groupName}”）`);
      seenNames.set(g.groupName, i);
    });
    await this.requireMembers(
      m,
      batch,
      v.subGroups.flatMap((g) => [...g.memberIds, ...(g.leaderId ? [g.leaderId] : [])]),
      '工作小组成员',
    );
    const before = await this.subGroupSummary(m, v.batchId);
    const existing = await m.findBy(BatchSubGroupEntity, { batchId: v.batchId });
    const keep = new Set<number>();
    for (const g of v.subGroups) {
      if (g.id !== undefined) {
        if (!existing.some((e) => e.id === g.id)) throw notFound(`工作小组：未找到编号为 ${g.id} 的小组（可能已被删除，请刷新）`);
        keep.add(g.id);
      }
    }
    for (const e of existing) {
      if (keep.has(e.id)) continue;
      await m.delete(BatchSubGroupMemberEntity, { subGroupId: e.id });
      await m.delete(BatchSubGroupEntity, { id: e.id });
    }
    for (const [i, g] of v.subGroups.entries()) {
      const memberIds = [...new Set([...(g.leaderId ? [g.leaderId] : []), ...g.memberIds])];
      let gid = g.id;
      if (gid === undefined) {
        gid = (await m.save(BatchSubGroupEntity, m.create(BatchSubGroupEntity, { batchId: v.batchId, groupName: g.groupName, leaderId: g.leaderId, sortOrder: i }))).id;
      } else {
        await m.update(BatchSubGroupEntity, { id: gid }, { groupName: g.groupName, leaderId: g.leaderId, sortOrder: i });
        await m.delete(BatchSubGroupMemberEntity, { subGroupId: gid });
      }
      if (memberIds.length) await m.insert(BatchSubGroupMemberEntity, memberIds.map((cadreId) => ({ subGroupId: gid!, cadreId })));
    }
    const after = await this.subGroupSummary(m, v.batchId);
    if (before !== after)
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: v.batchId, action: '修改工作小组', changes: { subGroups: [before || null, after || null] } });
  }

  /** `内部管理：张三、李四；项目招引：…` — how the history shows the sub-groups. */
  private async subGroupSummary(m: EntityManager, batchId: number): Promise<string> {
    const rows: { group_name: string; names: string | null }[] = await m.query(
      `SELECT g.group_name, (SELECT GROUP_CONCAT(c.name, '、') FROM batch_sub_group_member gm JOIN cadre c ON c.id = gm.cadre_id
         WHERE gm.sub_group_id = g.id) AS names
       FROM batch_sub_group g WHERE g.batch_id = ? ORDER BY g.sort_order, g.id`,
      [batchId],
    );
    return rows.map((r) => `${r.group_name}：${r.names ?? ''}`).join('；');
  }

  /** Sets the temporary party branch: name, founding day, secretary (a member, always in the branch) and members. */
  async savePartyBranch(ctx: ServiceContext, input: PartyBranchInput): Promise<PartyBranch> {
    const v = PartyBranchInputSchema.parse(input);
    await this.db.write((m) => this.savePartyBranchWith(m, ctx, v));
    return (await this.get(v.batchId)).partyBranch;
  }

  async savePartyBranchWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof PartyBranchInputSchema>): Promise<void> {
    const batch = await m.findOneBy(BatchEntity, { id: v.batchId });
    if (!batch) throw notFound(`未找到编号为 ${v.batchId} 的批次`);
    const ids = [...new Set([...(v.secretaryId ? [v.secretaryId] : []), ...v.memberIds])];
    const members = await this.requireMembers(m, batch, ids, v.secretaryId && !v.memberIds.includes(v.secretaryId) ? '支部书记' : '成员');
    for (const cid of ids) {
      const c = members.get(cid)!;
      if (c.politicalStatus && !CPC_MEMBER_STATUSES.includes(c.politicalStatus))
        throw validationError(`成员：“${c.name}”的政治面貌为“${c.politicalStatus}”，不能编入临时党支部`);
    }
    const beforeIds: { cadre_id: number }[] = await m.query(`SELECT cadre_id FROM batch_branch_member WHERE batch_id = ?`, [v.batchId]);
    const nameOf = (id: number | null) => (id == null ? null : (members.get(id)?.name ?? String(id)));
    const list = (xs: number[]) => xs.map((x) => nameOf(x)).sort().join('、') || null;
    const changes = diffRecords(
      { branchName: batch.branchName, foundedDate: batch.branchFoundedDate, secretaryId: nameOf(batch.branchSecretaryId), memberIds: list(beforeIds.map((r) => Number(r.cadre_id))) },
      { branchName: v.branchName, foundedDate: v.foundedDate, secretaryId: nameOf(v.secretaryId), memberIds: list(ids) },
    );
    await m.update(BatchEntity, { id: v.batchId }, { branchName: v.branchName, branchFoundedDate: v.foundedDate, branchSecretaryId: v.secretaryId, updatedAt: new Date().toISOString() });
    await m.delete(BatchBranchMemberEntity, { batchId: v.batchId });
    if (ids.length) await m.insert(BatchBranchMemberEntity, ids.map((cadreId) => ({ batchId: v.batchId, cadreId })));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: v.batchId, action: '修改临时党支部', changes });
  }

  /** Replaces the quarterly themes (一季一主题). */
  async saveThemes(ctx: ServiceContext, input: z.input<typeof ThemesInputSchema>): Promise<QuarterTheme[]> {
    const v = ThemesInputSchema.parse(input);
    return this.db.write((m) => this.saveThemesWith(m, ctx, v));
  }

  async saveThemesWith(m: EntityManager, ctx: ServiceContext, v: z.output<typeof ThemesInputSchema>): Promise<QuarterTheme[]> {
    const batch = await m.findOneBy(BatchEntity, { id: v.batchId });
    if (!batch) throw notFound(`未找到编号为 ${v.batchId} 的批次`);
    const show = (ts: QuarterTheme[]) => ts.map((t) => `${t.period}：${t.theme}`).join('；') || null;
    await m.update(BatchEntity, { id: v.batchId }, { themes: v.themes, updatedAt: new Date().toISOString() });
    const changes = diffRecords({ themes: show(batch.themes ?? []) }, { themes: show(v.themes) });
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: v.batchId, action: '修改季度主题', changes });
    return v.themes;
  }

  // ---- Meetings ------------------------------------------------------------------------------------------

  /** Adds (no id) or corrects a line of the meetings log. */
  async saveMeeting(ctx: ServiceContext, batchId: number, input: MeetingInput, id?: number): Promise<Meeting> {
    const data = MeetingInputSchema.parse(input);
    return this.db.write((m) => this.saveMeetingWith(m, ctx, batchId, data, id));
  }

  async saveMeetingWith(m: EntityManager, ctx: ServiceContext, batchId: number, data: z.output<typeof MeetingInputSchema>, id?: number): Promise<Meeting> {
    const batch = await m.findOneBy(BatchEntity, { id: batchId });
    if (!batch) throw notFound(`批次：未找到编号为 ${batchId} 的批次`);
    const now = new Date().toISOString();
    if (id === undefined) {
      const saved = toMeeting(await m.save(BatchMeetingEntity, m.create(BatchMeetingEntity, { ...data, batchId, createdAt: now, updatedAt: now })));
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: batchId, action: '新增会议记录', changes: diffRecords(null, { ...data }) });
      return saved;
    }
    const existing = await m.findOneBy(BatchMeetingEntity, { id });
    if (!existing || existing.batchId !== batchId) throw notFound(`未找到批次“${batch.name}”中编号为 ${id} 的会议记录`);
    await m.update(BatchMeetingEntity, { id }, { ...data, updatedAt: now });
    const after = toMeeting((await m.findOneBy(BatchMeetingEntity, { id }))!);
    const { type, date, topic, attendance, minutes } = existing;
    const changes = diffRecords({ type, date, topic, attendance, minutes }, { ...data });
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: batchId, action: '修改会议记录', changes });
    return after;
  }

  async deleteMeeting(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const e = await m.findOneBy(BatchMeetingEntity, { id });
      if (!e) throw notFound(`未找到编号为 ${id} 的会议记录`);
      await m.delete(BatchMeetingEntity, { id });
      const { type, date, topic, attendance, minutes } = e;
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: e.batchId, action: '删除会议记录', changes: diffRecords({ type, date, topic, attendance, minutes }, null) });
    });
  }

  history(id: number): Promise<AuditEntry[]> {
    return this.audit.history(ENTITY, id);
  }
}

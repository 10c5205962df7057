import { In, IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { AuditEntry } from '../../shared/audit';
import {
  AddMembersInputSchema,
  AlignPostingsInputSchema,
  BatchInputSchema,
  BatchListQuerySchema,
  MeetingInputSchema,
  MemberDefaultsSchema,
  PartyBranchInputSchema,
  SubGroupsInputSchema,
  ThemesInputSchema,
  type AddMembersInput,
  type AddMembersResult,
  type AlignPostingsInput,
  type AlignPostingsResult,
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
  termMismatches,
} from '../../shared/batch';
import { CPC_MEMBER_STATUSES } from '../../shared/codes/politicalStatus';
import { MEETING_TYPES, POSTING_STATUSES, type PostingStatus } from '../../shared/codes/secondment';
import { AppError, conflict, formatZodError, notFound, validationError } from '../../shared/errors';
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
import { queryRows, sql, type SqlFragment } from '../db/sql';
import { diffRecords, type AuditLog } from './AuditLog';
import { subGroupIdsOf } from './batchMembership';
import { requirePosting } from './postingReader';
import { POSTING_SELECT, rowToPosting } from './postingRows';
import type { PostingService } from './PostingService';
import type { ServiceContext } from './ServiceContext';
import { claimVersion } from './editVersion';
import { takeExpectedVersion } from '../../shared/editVersion';
import { parseThemes } from './storedJson';

const ENTITY = 'batch';

/**
 * The batch page's member rows: one query over the batch's postings and their cadres, raw because the page is a
 * measured figure (p95 < 50 ms at 500 members). Used by the service and, unchanged, by the benchmark's raw baseline.
 */
export const batchMembersSql = (batchId: number): SqlFragment =>
  sql`SELECT ${sql.raw(POSTING_SELECT)}, c.name AS cadre_name, c.gender, c.birth_date, c.political_status, c.phone,
  c.deleted_at AS cadre_deleted_at, c.sort_key
  FROM posting p JOIN cadre c ON c.id = p.cadre_id WHERE p.batch_id = ${batchId} ORDER BY c.sort_key, p.id`;

/** A member row: the posting and the cadre fields the page shows (the batch-dependent flags are set by `get`). */
function rowToMemberRow(r: Record<string, unknown>) {
  return {
    posting: rowToPosting(r),
    name: String(r.cadre_name),
    gender: String(r.gender),
    birthDate: String(r.birth_date),
    politicalStatus: String(r.political_status),
    phone: String(r.phone),
    cadreDeleted: r.cadre_deleted_at != null,
  };
}

const emptyStatusCounts = (): StatusCounts => Object.fromEntries(POSTING_STATUSES.map((s) => [s, 0])) as StatusCounts;

function toBatch(e: BatchEntity): Batch {
  return { ...e, themes: parseThemes(e.themes) };
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

  /** The batch list, newest first, with member counts by status and the meeting count (one committed snapshot). */
  async list(input: BatchListQuery = {}): Promise<BatchListItem[]> {
    const q = BatchListQuerySchema.parse(input);
    return this.db.read(async (m) => {
      const qb = m
        .createQueryBuilder(BatchEntity, 'b')
        .select(['b.id', 'b.name', 'b.type', 'b.direction', 'b.fromPlace', 'b.toPlace', 'b.dispatchingOrg', 'b.receivingOrg', 'b.startDate', 'b.endDate', 'b.leaderId'])
        .orderBy('b.startDate', 'DESC')
        .addOrderBy('b.id', 'DESC');
      if (q.query) {
        // Lower-cased on both sides: PostgreSQL's LIKE, unlike SQLite's, minds ASCII case.
        const like = `%${q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        qb.andWhere(
          `(LOWER(b.name) LIKE :like ESCAPE '\\' OR LOWER(b.toPlace) LIKE :like ESCAPE '\\' OR LOWER(b.fromPlace) LIKE :like ESCAPE '\\' OR LOWER(b.receivingOrg) LIKE :like ESCAPE '\\')`,
          { like },
        );
      }
      if (q.type) qb.andWhere('b.type = :type', { type: q.type });
      if (q.direction) qb.andWhere('b.direction = :direction', { direction: q.direction });
      const batches = await qb.getMany();
      const leaderIds = [...new Set(batches.map((b) => b.leaderId).filter((x): x is number => x !== null))];
      const [leaders, meetings, counts] = await Promise.all([
        leaderIds.length ? m.find(CadreEntity, { select: { id: true, name: true }, where: { id: In(leaderIds), deletedAt: IsNull() } }) : [],
        m
          .createQueryBuilder(BatchMeetingEntity, 'mt')
          .select('mt.batchId', 'batchId')
          .addSelect('COUNT(*)', 'n')
          .groupBy('mt.batchId')
          .getRawMany<{ batchId: number; n: number }>(),
        // Files in the recycle bin are not active members: not counted (the batch page and its forms agree).
        m
          .createQueryBuilder(PostingEntity, 'p')
          .innerJoin(CadreEntity, 'c', 'c.id = p.cadreId')
          .select('p.batchId', 'batchId')
          .addSelect('p.status', 'status')
          .addSelect('COUNT(*)', 'n')
          .where('p.batchId IS NOT NULL AND c.deletedAt IS NULL')
          .groupBy('p.batchId')
          .addGroupBy('p.status')
          .getRawMany<{ batchId: number; status: PostingStatus; n: number }>(),
      ]);
      const leaderName = new Map(leaders.map((c) => [c.id, c.name]));
      const meetingCount = new Map(meetings.map((r) => [Number(r.batchId), Number(r.n)]));
      const byBatch = new Map<number, StatusCounts>();
      for (const c of counts) {
        const sc = byBatch.get(Number(c.batchId)) ?? emptyStatusCounts();
        sc[c.status] = Number(c.n);
        byBatch.set(Number(c.batchId), sc);
      }
      return batches.map((b) => {
        const statusCounts = byBatch.get(b.id) ?? emptyStatusCounts();
        return {
          id: b.id,
          name: b.name,
          type: b.type,
          direction: b.direction,
          fromPlace: b.fromPlace,
          toPlace: b.toPlace,
          dispatchingOrg: b.dispatchingOrg,
          receivingOrg: b.receivingOrg,
          startDate: b.startDate,
          endDate: b.endDate,
          leaderId: b.leaderId,
          leaderName: b.leaderId === null ? null : (leaderName.get(b.leaderId) ?? null),
          memberCount: Object.values(statusCounts).reduce((a, n) => a + n, 0),
          statusCounts,
          meetingCount: meetingCount.get(b.id) ?? 0,
        };
      });
    });
  }

  /** Finds a batch by id or by exact name (as the CLI accepts either). */
  async resolve(ref: string | number, m: EntityManager = this.db.manager): Promise<Batch> {
    const s = String(ref).trim();
    const e = /^\d{1,9}$/.test(s) ? await m.findOneBy(BatchEntity, { id: Number(s) }) : await m.findOneBy(BatchEntity, { name: s });
    if (!e) throw notFound(`未找到批次“${s}”`);
    return toBatch(e);
  }

  /** Everything the batch page shows, in one call: from one committed snapshot, or through a caller's `m`. */
  async get(id: number, m?: EntityManager): Promise<BatchPage> {
    return m ? this.getWith(m, id) : this.db.read((r) => this.getWith(r, id));
  }

  private async getWith(m: EntityManager, id: number): Promise<BatchPage> {
    const e = await m.findOneBy(BatchEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的批次`);
    const batch = toBatch(e);
    const [memberRows, groups, groupMembers, branchRows, meetings] = await Promise.all([
      queryRows(m, batchMembersSql(id), rowToMemberRow),
      m.find(BatchSubGroupEntity, { where: { batchId: id }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      m
        .createQueryBuilder(BatchSubGroupMemberEntity, 'gm')
        .innerJoin(BatchSubGroupEntity, 'g', 'g.id = gm.subGroupId')
        .where('g.batchId = :id', { id })
        .orderBy('gm.subGroupId')
        .addOrderBy('gm.cadreId')
        .getMany(),
      m.find(BatchBranchMemberEntity, { select: { cadreId: true }, where: { batchId: id } }),
      m.find(BatchMeetingEntity, { where: { batchId: id }, order: { date: 'DESC', id: 'DESC' } }),
    ]);

    const subGroups: SubGroup[] = groups.map((g) => ({ id: g.id, groupName: g.groupName, leaderId: g.leaderId, sortOrder: g.sortOrder, memberIds: [] }));
    const groupById = new Map(subGroups.map((g) => [g.id, g]));
    const groupsOfCadre = new Map<number, number[]>();
    for (const { subGroupId, cadreId } of groupMembers) {
      groupById.get(subGroupId)?.memberIds.push(cadreId);
      const list = groupsOfCadre.get(cadreId) ?? [];
      list.push(subGroupId);
      groupsOfCadre.set(cadreId, list);
    }
    const branchIds = new Set(branchRows.map((r) => r.cadreId));

    // One rule for a file in the recycle bin: not an active member — not counted, never 组长 or 书记.
    const statusCounts = emptyStatusCounts();
    const names = new Map<number, string>();
    const recycled = new Map<number, string>();
    const members: BatchMember[] = memberRows.map(({ posting: p, ...cadre }) => {
      if (cadre.cadreDeleted) recycled.set(p.cadreId, cadre.name);
      else {
        statusCounts[p.status]++;
        names.set(p.cadreId, cadre.name);
      }
      return {
        postingId: p.id,
        cadreId: p.cadreId,
        ...cadre,
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
        isLeader: !cadre.cadreDeleted && batch.leaderId === p.cadreId,
        isBranchSecretary: !cadre.cadreDeleted && batch.branchSecretaryId === p.cadreId,
        inBranch: branchIds.has(p.cadreId),
        subGroupIds: groupsOfCadre.get(p.cadreId) ?? [],
      };
    });

    const meetingCounts = Object.fromEntries([...MEETING_TYPES.map((t) => [t, 0]), ['total', meetings.length]]) as MeetingCounts;
    for (const mt of meetings) meetingCounts[mt.type]++;

    return {
      batch,
      leaderName: batch.leaderId == null ? null : (names.get(batch.leaderId) ?? null),
      recycledLeaderName: batch.leaderId == null ? null : (recycled.get(batch.leaderId) ?? null),
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
      meetings: meetings.map(toMeeting),
      meetingCounts,
    };
  }

  /** Creates (no id) or updates the batch's basic fields. The leader must already be a member. */
  async save(ctx: ServiceContext, input: BatchInput, id?: number): Promise<Batch> {
    const data = BatchInputSchema.parse(input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, input: BatchData, id?: number, action?: string): Promise<Batch> {
    const [data, expectedVersion] = takeExpectedVersion(input);
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
    const version = await claimVersion(m, ctx, { entity: BatchEntity, id, stored: existing.updatedAt, expected: expectedVersion, auditType: ENTITY, what: `批次“${existing.name}”` });
    if (data.leaderId !== null) {
      await this.requireMembers(m, existing, [data.leaderId], '组长');
      const leader = await m.findOneBy(CadreEntity, { id: data.leaderId });
      // Kept as it was when the form only changes other fields; never newly chosen from the recycle bin.
      if (leader?.deletedAt && data.leaderId !== existing.leaderId)
        throw validationError(`组长：“${leader.name}”的档案在回收站中，不能担任组长（恢复档案后再指定）`);
    }
    if (data.direction !== existing.direction) {
      const n = await m.countBy(PostingEntity, { batchId: id });
      if (n > 0) throw conflict(`方向（派出/接收）：批次已有 ${n} 名成员，不能再改为“${data.direction}”`);
    }
    const before = toBatch(existing);
    await m.update(BatchEntity, { id }, { ...data, updatedAt: version });
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
      const n = await m.countBy(PostingEntity, { batchId: id });
      if (n > 0) throw conflict(`批次“${e.name}”还有 ${n} 名成员，请先移出成员再删除`);
      const groupIds = await subGroupIdsOf(m, id);
      if (groupIds.length) await m.delete(BatchSubGroupMemberEntity, { subGroupId: In(groupIds) });
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

  /**
   * 按批次起止调整: moves the chosen members' postings to the batch's term as termMismatches proposes (a 拟派 one
   * wholly, a 在岗 one its planned end), each in its own transaction through the posting's own checks (overlaps):
   * a refusal is listed with the person's name, the others are done.
   */
  async alignPostings(ctx: ServiceContext, input: AlignPostingsInput): Promise<AlignPostingsResult> {
    const v = AlignPostingsInputSchema.parse(input);
    const page = await this.get(v.batchId);
    const byPosting = new Map(termMismatches(page.batch, page.members).map((x) => [x.postingId, x]));
    const result: AlignPostingsResult = { done: [], refused: [] };
    for (const postingId of [...new Set(v.postingIds)]) {
      const x = byPosting.get(postingId);
      const member = page.members.find((mb) => mb.postingId === postingId);
      const name = member?.name ?? `编号 ${postingId} 的挂职记录`;
      if (!member) {
        result.refused.push({ postingId, name, message: `不是批次“${page.batch.name}”的成员` });
        continue;
      }
      if (!x?.proposed) {
        result.refused.push({ postingId, name, message: x ? x.note || '不作调整' : `挂职起止已在批次起止（${page.batch.startDate}—${page.batch.endDate}）之内` });
        continue;
      }
      const to = x.proposed;
      try {
        await this.db.write(async (m) => {
          const { posting: p } = await requirePosting(m, postingId);
          const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = p;
          const data = PostingInputSchema.parse({ ...fields, startDate: to.startDate, plannedEndDate: to.plannedEndDate });
          await this.postings.saveWith(m, ctx, data, postingId, `按批次“${page.batch.name}”起止调整`);
        });
        result.done.push({ postingId, name, ...to });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.refused.push({ postingId, name, message: e.message });
      }
    }
    return result;
  }

  /** Refuses cadres who are not members of the batch, naming them. Returns the members' names by id. */
  private async requireMembers(m: EntityManager, batch: BatchEntity, cadreIds: number[], what: string): Promise<Map<number, { name: string; politicalStatus: string }>> {
    const rows = await m
      .createQueryBuilder(PostingEntity, 'p')
      .innerJoin(CadreEntity, 'c', 'c.id = p.cadreId')
      .select('p.cadreId', 'cadreId')
      .addSelect('c.name', 'name')
      .addSelect('c.politicalStatus', 'politicalStatus')
      .where('p.batchId = :batchId', { batchId: batch.id })
      .getRawMany<{ cadreId: number; name: string; politicalStatus: string }>();
    const members = new Map(rows.map((r) => [Number(r.cadreId), { name: String(r.name), politicalStatus: String(r.politicalStatus) }]));
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
    const groups = await m.find(BatchSubGroupEntity, { where: { batchId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    if (!groups.length) return '';
    const rows = await m
      .createQueryBuilder(BatchSubGroupMemberEntity, 'gm')
      .innerJoin(CadreEntity, 'c', 'c.id = gm.cadreId')
      .select('gm.subGroupId', 'subGroupId')
      .addSelect('c.name', 'name')
      .where('gm.subGroupId IN (:...ids)', { ids: groups.map((g) => g.id) })
      .orderBy('gm.cadreId')
      .getRawMany<{ subGroupId: number; name: string }>();
    return groups.map((g) => `${g.groupName}：${rows.filter((r) => Number(r.subGroupId) === g.id).map((r) => r.name).join('、')}`).join('；');
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
    const beforeIds = (await m.findBy(BatchBranchMemberEntity, { batchId: v.batchId })).map((r) => r.cadreId);
    const nameOf = (id: number | null) => (id == null ? null : (members.get(id)?.name ?? String(id)));
    const list = (xs: number[]) => xs.map((x) => nameOf(x)).sort().join('、') || null;
    const changes = diffRecords(
      { branchName: batch.branchName, foundedDate: batch.branchFoundedDate, secretaryId: nameOf(batch.branchSecretaryId), memberIds: list(beforeIds) },
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
    const changes = diffRecords({ themes: show(parseThemes(batch.themes)) }, { themes: show(v.themes) });
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

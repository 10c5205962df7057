import type { EntityManager } from 'typeorm';
import { conflict, notFound, parseOrRefuse } from '../../shared/errors';
import {
  GrowthTemplateInputSchema,
  indicatorsOf,
  stageDefs,
  type GrowthTemplate,
  type GrowthTemplateData,
  type GrowthTemplateSummary,
} from '../../shared/growth';
import { GrowthTemplateEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import type { ServiceContext } from './ServiceContext';

const ENTITY = 'growth_template';

const describe = (t: { version: number }) => `成长评价模板第${t.version}版`;

/** What the history shows of a version (its content, not its bookkeeping). */
function auditable(t: GrowthTemplate | null) {
  if (!t) return null;
  const { templateName, threshold, raterWeights, stages, notes, status } = t;
  return { templateName, threshold, raterWeights, stages, notes, status };
}

/**
 * 成长评价模板: versions are made by copying and editing; a draft can be changed or deleted, an activated version is
 * frozen (evaluations pin it), and exactly one version is 启用 — the one new evaluations use.
 */
export class GrowthTemplateService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<GrowthTemplateSummary[]> {
    const [rows, used] = await Promise.all([
      this.db.manager.find(GrowthTemplateEntity, { order: { version: 'DESC' } }),
      this.usage(this.db.manager),
    ]);
    return rows.map((e) => {
      const { stages, ...rest } = this.toTemplate(e, used.get(e.id) ?? 0);
      return { ...rest, indicatorCount: indicatorsOf({ stages }).length };
    });
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<GrowthTemplate> {
    const e = await m.findOneBy(GrowthTemplateEntity, { id });
    if (!e) throw notFound(`未找到编号为 ${id} 的成长评价模板`);
    return this.toTemplate(e, (await this.usage(m, id)).get(id) ?? 0);
  }

  /** The 启用 version: the one a new evaluation pins unless told otherwise. */
  async active(m: EntityManager = this.db.manager): Promise<GrowthTemplate> {
    const e = await m.findOneBy(GrowthTemplateEntity, { status: '启用' });
    if (!e) throw conflict('没有启用的成长评价模板：请先在“评价模板”中启用一个版本');
    return this.get(e.id, m);
  }

  /** Several versions at once (for overviews), without usage counts. */
  async byIds(ids: number[], m: EntityManager = this.db.manager): Promise<Map<number, GrowthTemplate>> {
    const out = new Map<number, GrowthTemplate>();
    if (!ids.length) return out;
    const rows = await m.getRepository(GrowthTemplateEntity).createQueryBuilder('t').where('t.id IN (:...ids)', { ids: [...new Set(ids)] }).getMany();
    for (const e of rows) out.set(e.id, this.toTemplate(e, 0));
    return out;
  }

  /** No id: a new draft version (copy and edit). An id: changes that draft; anything else is frozen. */
  async save(ctx: ServiceContext, input: unknown, id?: number): Promise<GrowthTemplate> {
    const data = parseOrRefuse(GrowthTemplateInputSchema, input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, data: GrowthTemplateData, id?: number): Promise<GrowthTemplate> {
    if (data.basedOnId !== null && !(await m.findOneBy(GrowthTemplateEntity, { id: data.basedOnId })))
      throw notFound(`所据版本：未找到编号为 ${data.basedOnId} 的成长评价模板`);
    const now = new Date().toISOString();
    const columns = {
      templateName: data.templateName,
      threshold: data.threshold,
      raterWeights: data.raterWeights,
      stages: stageDefs(data.stages),
      notes: data.notes,
      basedOnId: data.basedOnId,
      updatedAt: now,
    };
    if (id === undefined) {
      const [{ v }]: { v: number | null }[] = await m.query(`SELECT MAX(version) AS v FROM growth_template`);
      const version = Number(v ?? 0) + 1;
      const e = await m.save(GrowthTemplateEntity, m.create(GrowthTemplateEntity, { ...columns, version, status: '草稿', createdAt: now, activatedAt: '' }));
      const saved = await this.get(e.id, m);
      const base = data.basedOnId === null ? '' : `（复制自第${(await this.get(data.basedOnId, m)).version}版）`;
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: e.id, action: '新建', changes: diffRecords(null, auditable(saved)), note: `${describe(saved)}${base}` });
      return saved;
    }
    const before = await this.get(id, m);
    this.refuseUnlessDraft(before);
    if (data.basedOnId === id) throw conflict('所据版本：不能是这个版本本身');
    await m.update(GrowthTemplateEntity, { id }, columns);
    const after = await this.get(id, m);
    const changes = diffRecords(auditable(before), auditable(after));
    if (Object.keys(changes).length) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '修改', changes, note: describe(after) });
    return after;
  }

  /** Makes a version the 启用 one (a draft, or an older version brought back); the previous one becomes 停用. */
  async activate(ctx: ServiceContext, id: number): Promise<GrowthTemplate> {
    return this.db.write(async (m) => {
      const t = await this.get(id, m);
      if (t.status === '启用') throw conflict(`${describe(t)}已是启用状态`);
      const current = await m.findOneBy(GrowthTemplateEntity, { status: '启用' });
      const now = new Date().toISOString();
      if (current) {
        await m.update(GrowthTemplateEntity, { id: current.id }, { status: '停用', updatedAt: now });
        await this.audit.record(m, ctx, { entityType: ENTITY, entityId: current.id, action: '停用', changes: { status: ['启用', '停用'] }, note: `${describe(current)}（改用第${t.version}版）` });
      }
      await m.update(GrowthTemplateEntity, { id }, { status: '启用', activatedAt: now, updatedAt: now });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '启用', changes: { status: [t.status, '启用'] }, note: describe(t) });
      return this.get(id, m);
    });
  }

  /** Deletes a draft version; used or activated versions stay for good. */
  async remove(ctx: ServiceContext, id: number): Promise<void> {
    await this.db.write(async (m) => {
      const t = await this.get(id, m);
      this.refuseUnlessDraft(t);
      if (t.usedBy) throw conflict(`${describe(t)}已被${t.usedBy}份成长评价使用，不能删除`);
      await m.delete(GrowthTemplateEntity, { id });
      await this.audit.record(m, ctx, { entityType: ENTITY, entityId: id, action: '删除', changes: diffRecords(auditable(t), null), note: describe(t) });
    });
  }

  history(id: number) {
    return this.audit.history(ENTITY, id);
  }

  private refuseUnlessDraft(t: GrowthTemplate): void {
    if (t.status !== '草稿')
      throw conflict(`${describe(t)}已${t.status === '启用' ? '启用' : '停用'}，不能修改或删除：请复制为新版本后修改（已有评价始终按其所用版本显示）`);
  }

  /** Template id → how many evaluations pinned it. */
  private async usage(m: EntityManager, id?: number): Promise<Map<number, number>> {
    const rows: { template_id: number; n: number }[] = await m.query(
      `SELECT template_id, COUNT(*) AS n FROM growth_evaluation ${id === undefined ? '' : 'WHERE template_id = ?'} GROUP BY template_id`,
      id === undefined ? [] : [id],
    );
    return new Map(rows.map((r) => [Number(r.template_id), Number(r.n)]));
  }

  private toTemplate(e: GrowthTemplateEntity, usedBy: number): GrowthTemplate {
    return {
      id: e.id,
      version: e.version,
      templateName: e.templateName,
      status: e.status,
      threshold: e.threshold,
      raterWeights: e.raterWeights,
      stages: e.stages,
      notes: e.notes,
      basedOnId: e.basedOnId,
      usedBy,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      activatedAt: e.activatedAt,
    };
  }
}

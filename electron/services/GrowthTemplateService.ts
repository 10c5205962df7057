import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { conflict, notFound, parseOrRefuse } from '../../shared/errors';
import {
  GrowthTemplateInputSchema,
  indicatorsOf,
  stageDefs,
  type GrowthTemplate,
  type GrowthTemplateData,
  type GrowthTemplateSummary,
} from '../../shared/growth';
import { GrowthEvaluationEntity, GrowthTemplateEntity } from '../db/entities';
import type { Database } from '../db/Database';
import { diffRecords, type AuditLog } from './AuditLog';
import type { ServiceContext } from './ServiceContext';
import { parseRaterWeights, parseStages } from './storedJson';

const ENTITY = 'growth_template';

const describe = (t: { version: number }) => `成长评价模板第${t.version}版`;

/**
 * Template rows are read raw (not as entities), so that their JSON columns go through their parse functions: the
 * entity's own JSON hydration would fail the whole list on one damaged row.
 */
const TEMPLATE_COLUMNS: Record<string, string> = {
  id: 't.id',
  version: 't.version',
  template_name: 't.templateName',
  status: 't.status',
  threshold: 't.threshold',
  rater_weights: 't.raterWeights',
  stages: 't.stages',
  notes: 't.notes',
  based_on_id: 't.basedOnId',
  created_at: 't.createdAt',
  updated_at: 't.updatedAt',
  activated_at: 't.activatedAt',
};

function templates(m: EntityManager): SelectQueryBuilder<GrowthTemplateEntity> {
  const qb = m.createQueryBuilder(GrowthTemplateEntity, 't').select('t.id', 'id');
  for (const [alias, column] of Object.entries(TEMPLATE_COLUMNS)) if (alias !== 'id') qb.addSelect(column, alias);
  return qb;
}

function rowToTemplate(r: Record<string, unknown>, usedBy: number): GrowthTemplate {
  const s = (k: string) => String(r[k] ?? '');
  return {
    id: Number(r.id),
    version: Number(r.version),
    templateName: s('template_name'),
    status: s('status') as GrowthTemplate['status'],
    threshold: Number(r.threshold),
    raterWeights: parseRaterWeights(r.rater_weights),
    stages: parseStages(r.stages),
    notes: s('notes'),
    basedOnId: r.based_on_id == null ? null : Number(r.based_on_id),
    usedBy,
    createdAt: s('created_at'),
    updatedAt: s('updated_at'),
    activatedAt: s('activated_at'),
  };
}

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
    return this.db.read(async (m) => {
      const [rows, used] = await Promise.all([templates(m).orderBy('t.version', 'DESC').getRawMany(), this.usage(m)]);
      return rows.map((r) => {
        const { stages, ...rest } = rowToTemplate(r, used.get(Number(r.id)) ?? 0);
        return { ...rest, indicatorCount: indicatorsOf({ stages }).length };
      });
    });
  }

  async get(id: number, m: EntityManager = this.db.manager): Promise<GrowthTemplate> {
    const r = await templates(m).where('t.id = :id', { id }).getRawOne();
    if (!r) throw notFound(`未找到编号为 ${id} 的成长评价模板`);
    return rowToTemplate(r, (await this.usage(m, id)).get(id) ?? 0);
  }

  /** The 启用 version: the one a new evaluation pins unless told otherwise. */
  async active(m: EntityManager = this.db.manager): Promise<GrowthTemplate> {
    const e = await m.findOne(GrowthTemplateEntity, { select: { id: true }, where: { status: '启用' } });
    if (!e) throw conflict('没有启用的成长评价模板：请先在“评价模板”中启用一个版本');
    return this.get(e.id, m);
  }

  /** Several versions at once (for overviews), without usage counts. */
  async byIds(ids: number[], m: EntityManager = this.db.manager): Promise<Map<number, GrowthTemplate>> {
    const out = new Map<number, GrowthTemplate>();
    if (!ids.length) return out;
    const rows = await templates(m).where('t.id IN (:...ids)', { ids: [...new Set(ids)] }).getRawMany();
    for (const r of rows) out.set(Number(r.id), rowToTemplate(r, 0));
    return out;
  }

  /** No id: a new draft version (copy and edit). An id: changes that draft; anything else is frozen. */
  async save(ctx: ServiceContext, input: unknown, id?: number): Promise<GrowthTemplate> {
    const data = parseOrRefuse(GrowthTemplateInputSchema, input);
    return this.db.write((m) => this.saveWith(m, ctx, data, id));
  }

  async saveWith(m: EntityManager, ctx: ServiceContext, data: GrowthTemplateData, id?: number): Promise<GrowthTemplate> {
    if (data.basedOnId !== null && !(await m.existsBy(GrowthTemplateEntity, { id: data.basedOnId })))
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
      const last = await m.createQueryBuilder(GrowthTemplateEntity, 't').select('MAX(t.version)', 'v').getRawOne<{ v: number | null }>();
      const version = Number(last?.v ?? 0) + 1;
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
      const current = await m.findOne(GrowthTemplateEntity, { select: { id: true, version: true }, where: { status: '启用' } });
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
    const qb = m.createQueryBuilder(GrowthEvaluationEntity, 'e').select('e.templateId', 'template_id').addSelect('COUNT(*)', 'n').groupBy('e.templateId');
    if (id !== undefined) qb.where('e.templateId = :id', { id });
    const rows = await qb.getRawMany<{ template_id: number; n: number }>();
    return new Map(rows.map((r) => [Number(r.template_id), Number(r.n)]));
  }
}

import { indicatorsOf, type GrowthEvaluation, type GrowthTemplate, type RaterSheet } from '../../../shared/growth';
import { AssessmentRecordEntity, WorkResultEntity } from '../../db/entities';
import type { AppServices } from '../../services/AppServices';
import { resultOf, toSummary } from '../../services/GrowthEvaluationService';
import { rowToStored } from '../../services/growthRows';

/** What the 成长评价报告 prints of an evaluation (a full GrowthEvaluation fits too). */
export type PrintedEvaluation = Pick<GrowthEvaluation, 'id' | 'period' | 'state' | 'result' | 'template' | 'narratives' | 'evidence'> & {
  ratings: readonly Pick<RaterSheet, 'rater' | 'comment'>[];
};

/**
 * A posting's evaluations in period order, with their templates, raters' comments and evidence (named, and whether
 * the linked record still exists): four queries however many evaluations, instead of the evaluation page's
 * read per evaluation. Assembled as GrowthEvaluationService.get does.
 */
export async function readPrintedEvaluations(s: AppServices, postingId: number): Promise<PrintedEvaluation[]> {
  const stored = (await s.growth.storedOfPosting(postingId)).map(rowToStored);
  if (!stored.length) return [];
  const m = s.db.manager;
  const refIds = (kind: 'record' | 'result') => [...new Set(stored.flatMap((e) => e.evidence.filter((l) => l.refKind === kind).map((l) => l.refId)))];
  // The ids of the linked records and results still in the posting (a posting links a few dozen at most).
  const existing = async (entity: typeof AssessmentRecordEntity | typeof WorkResultEntity, kind: 'record' | 'result') => {
    const ids = refIds(kind);
    if (!ids.length) return [];
    const rows: { id: unknown }[] = await m
      .createQueryBuilder(entity, 'x')
      .select('x.id', 'id')
      .where('x.postingId = :postingId', { postingId })
      .andWhere('x.id IN (:...ids)', { ids })
      .getRawMany();
    return rows.map((r) => `${kind}:${Number(r.id)}`);
  };
  const [templates, records, results] = await Promise.all([
    s.growthTemplates.byIds(stored.map((e) => e.templateId)),
    existing(AssessmentRecordEntity, 'record'),
    existing(WorkResultEntity, 'result'),
  ]);
  const present = new Set([...records, ...results]);
  return stored.map((e) => {
    const template: GrowthTemplate = templates.get(e.templateId)!;
    const result = resultOf(e, template);
    const names = new Map(indicatorsOf(template).map((i) => [i.code, i.indicatorName]));
    return {
      ...toSummary(e, template, result),
      template,
      narratives: e.narratives,
      ratings: result.raters.map((r) => ({ rater: r.rater, comment: e.ratings[r.rater]?.comment ?? '' })),
      evidence: e.evidence.map((l) => ({ ...l, indicatorName: names.get(l.indicatorCode) ?? l.indicatorCode, exists: present.has(`${l.refKind}:${l.refId}`) })),
    };
  });
}

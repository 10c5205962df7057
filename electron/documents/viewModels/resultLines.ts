import type { CategoryTotal, ResultLedger } from '../../../shared/ledger';
import { breakBeforeNumbers, formatWan, withUnit } from '../formatting';

/** A category's totals as printed: `2项，签约资金5500万元` (+ `，3场`, quantities per unit), numbers joined to their units. */
export function categoryTotalText(t: CategoryTotal): string {
  const parts = [withUnit(t.count, '项')];
  if (t.amount !== null) parts.push(`${t.amountLabel}${withUnit(formatWan(t.amount), '万元')}`);
  for (const q of t.quantities) parts.push(withUnit(formatWan(q.quantity), q.unit));
  return breakBeforeNumbers(parts.join('，'));
}

/**
 * The work results of a posting as lines of a form: one per category, its totals and then what the results were
 * (oldest first, at most `maxTitles`, the rest as 等):
 * `招商引资2项，签约资金5500万元：促成……生产基地；引进新材料配套项目。`
 */
export function resultLines(ledger: ResultLedger, maxTitles = 4): string[] {
  return ledger.totals.byCategory.map((t) => {
    const items = ledger.items.filter((r) => r.category === t.category).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    const titles = items.slice(0, maxTitles).map((r) => r.title.replace(/[。；;]+$/, ''));
    const more = items.length > maxTitles ? '等' : '';
    return `${t.category}${categoryTotalText(t)}${titles.length ? `：${titles.join('；')}${more}` : ''}。`;
  });
}

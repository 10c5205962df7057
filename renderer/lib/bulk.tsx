import type { App } from 'antd';
import { errorMessage } from '../api/client';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** What a bulk action did: the items it was done for, and each one refused with the service's own reason. */
export interface BulkOutcome<T> {
  done: T[];
  refused: { item: T; message: string }[];
}

/**
 * Runs `act` for each selected item in turn (each its own transaction: one refusal does not undo the others) and
 * collects the refusals instead of stopping at the first.
 */
export async function runEach<T>(items: readonly T[], act: (item: T) => Promise<unknown>, onProgress?: (done: number) => void): Promise<BulkOutcome<T>> {
  const out: BulkOutcome<T> = { done: [], refused: [] };
  for (const [i, item] of items.entries()) {
    try {
      await act(item);
      out.done.push(item);
    } catch (e) {
      out.refused.push({ item, message: errorMessage(e) });
    }
    onProgress?.(i + 1);
  }
  return out;
}

/** Names for a confirmation: “李明远、刘思源、卢佳宁 等 12 人”. */
export function namesList(names: readonly string[], shown = 10, unit = '人'): string {
  if (names.length <= shown) return names.map((n) => `“${n}”`).join('、');
  return `${names
    .slice(0, shown)
    .map((n) => `“${n}”`)
    .join('、')} 等 ${names.length} ${unit}`;
}

/** The outcome when something was refused: a dialog listing each refusal (a toast would vanish before it is read). */
export function showRefusals<T>(modal: ModalApi, title: string, outcome: BulkOutcome<T>, nameOf: (item: T) => string): void {
  modal.warning({
    title,
    width: 560,
    okText: '知道了',
    content: (
      <ul style={{ margin: '8px 0 0', paddingLeft: 18, maxHeight: 320, overflow: 'auto' }} data-testid="bulk-refusals">
        {outcome.refused.map(({ item, message }, i) => (
          <li key={i}>
            <strong>{nameOf(item)}</strong>：{message}
          </li>
        ))}
      </ul>
    ),
  });
}

import { useCallback, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';

/**
 * Keyboard habits a clerk brings from other office software, for any screen to adopt:
 * - list rows are links: Tab (or ↑/↓) to a row, Enter opens it (`rowLink`);
 * - a dialog puts the cursor in its first field (`focusFirstField`, `useDialogKeys`);
 * - Ctrl+Enter saves anywhere in a form or dialog, Enter saves from a one-line field of a dialog, Esc closes
 *   (through the unsaved-changes question: pass the guarded close) — `useDialogKeys`, `usePageKeys`.
 */

/** Whether Ctrl (Cmd on a Mac) + Enter, or Ctrl+S. */
export const isSaveChord = (e: KeyboardEvent | ReactKeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'Enter' || e.key.toLowerCase() === 's');

/** A key that belongs to something open inside the field (a drop-down list, a date panel, an input method). */
function ownedByField(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  if ('isComposing' in e && e.isComposing) return true;
  if ((e as ReactKeyboardEvent).nativeEvent?.isComposing) return true;
  const t = e.target as HTMLElement | null;
  return !!t?.closest?.('[aria-expanded="true"]');
}

const FIELD_SELECTOR = 'input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]):not([disabled]):not([readonly]), textarea:not([disabled]):not([readonly]), [role=combobox]:not([aria-disabled=true])';

/** Puts the cursor in the first field of `root` (a dialog's body); false when it has none. */
export function focusFirstField(root: HTMLElement | null | undefined): boolean {
  const el = root?.querySelector<HTMLElement>(FIELD_SELECTOR);
  if (!el) return false;
  el.focus();
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select?.();
  return true;
}

/**
 * A dialog's keys. Spread `bodyProps` on a wrapper around the dialog's content and pass `afterOpenChange` to the
 * Modal: it opens with the cursor in its first field; Ctrl+Enter saves from anywhere in it, Enter from a one-line
 * field (unless `enterSaves` is false, e.g. a dialog whose fields take several lines). Esc is the Modal's own
 * (`onCancel`, which should be the guarded close).
 */
export function useDialogKeys({ onSave, enterSaves = true }: { onSave?: () => void; enterSaves?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const save = useRef(onSave);
  save.current = onSave;
  const afterOpenChange = useCallback((open: boolean) => {
    if (open) focusFirstField(ref.current);
  }, []);
  const onKeyDown = useCallback(
    (e: ReactKeyboardEvent) => {
      if (!save.current || ownedByField(e)) return;
      const t = e.target as HTMLElement;
      const oneLine = t instanceof HTMLInputElement && t.type !== 'checkbox' && t.type !== 'radio' && t.getAttribute('role') !== 'combobox';
      if (isSaveChord(e) || (enterSaves && e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && oneLine)) {
        e.preventDefault();
        e.stopPropagation();
        save.current();
      }
    },
    [enterSaves],
  );
  return { afterOpenChange, bodyProps: { ref, onKeyDown } };
}

/**
 * An edit page's keys, while it is shown: Ctrl+Enter (or Ctrl+S) saves, Esc leaves (pass the guarded 取消).
 * Keys inside an open dialog, drop-down or date panel are theirs.
 */
export function usePageKeys({ onSave, onEscape, enabled = true }: { onSave?: () => void; onEscape?: () => void; enabled?: boolean }) {
  const handlers = useRef({ onSave, onEscape });
  handlers.current = { onSave, onEscape };
  useEffect(() => {
    if (!enabled) return;
    const inPopup = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      // A dialog (the unsaved-changes question included) or a pop-up handles its own keys.
      if (t?.closest?.('.ant-modal-wrap, .ant-modal, .ant-popover, .ant-drawer, .ant-picker-dropdown, .ant-select-dropdown')) return true;
      return [...document.querySelectorAll('.ant-modal-wrap')].some((w) => getComputedStyle(w).display !== 'none');
    };
    // Saving is the page's whatever has the focus (a menu item too, which would otherwise take Ctrl+Enter as Enter):
    // caught on the way down.
    const onSaveKey = (e: KeyboardEvent) => {
      if (!isSaveChord(e) || !handlers.current.onSave || ownedByField(e) || inPopup(e)) return;
      e.preventDefault();
      e.stopPropagation();
      handlers.current.onSave();
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !handlers.current.onEscape || e.defaultPrevented || ownedByField(e) || inPopup(e)) return;
      e.preventDefault();
      handlers.current.onEscape();
    };
    window.addEventListener('keydown', onSaveKey, true);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('keydown', onSaveKey, true);
      window.removeEventListener('keydown', onEscape);
    };
  }, [enabled]);
}

/** Clicks on a row's own controls (its checkbox, a button, a link) are theirs, not the row's. */
export function clickIsOnControl(e: ReactMouseEvent | MouseEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t?.closest?.('a, button, input, label, .ant-table-selection-column, .ant-checkbox-wrapper, [role=button]');
}

/**
 * A table row that opens like a link: click it, or Tab/↑/↓ to it and press Enter. For antd's `onRow`:
 *   onRow={(r) => rowLink(() => navigate(`/cadres/${r.id}`))}
 */
export function rowLink(open: () => void) {
  return {
    tabIndex: 0,
    'data-row-link': '',
    style: { cursor: 'pointer' },
    onClick: (e: ReactMouseEvent) => {
      if (!clickIsOnControl(e)) open();
    },
    onKeyDown: (e: ReactKeyboardEvent<HTMLElement>) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        open();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const rows = [...(e.currentTarget.closest('tbody')?.querySelectorAll<HTMLElement>('tr[data-row-link]') ?? [])];
        const next = rows[rows.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)];
        if (next) {
          e.preventDefault();
          next.focus();
        }
      }
    },
  };
}

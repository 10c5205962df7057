import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker } from 'react-router';

/**
 * 有未保存的修改: while any edit page or dialog is dirty, leaving the page (another menu item, 返回, a link), closing
 * the browser tab or the desktop window, and closing a dialog through `confirmLeave` first ask the clerk. Forty
 * fields typed into a cadre file are not thrown away by one stray click.
 *
 * Use it in every edit page and edit dialog:
 *   const [dirty, setDirty] = useState(false);              // <Form onValuesChange={() => setDirty(true)}>
 *   const unsaved = useUnsavedChanges(open && dirty);        // a dialog: only while it is open
 *   <Modal onCancel={() => unsaved.confirmLeave(onClose)} …> // 取消 / × / Esc ask first
 *   after a successful save: unsaved.release(); then close or navigate (no question: nothing is lost).
 * `<UnsavedChangesGuard />` is rendered once in the app shell: a router supports one navigation blocker.
 */

const dirtyOwners = new Set<symbol>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

/** Whether anything on screen has unsaved changes (tests and the guard read it). */
export const hasUnsavedChanges = () => dirtyOwners.size > 0;

function useAsk() {
  const { modal } = App.useApp();
  const asking = useRef(false);
  return useCallback(
    (onLeave: () => void, onStay: () => void = () => undefined) => {
      if (asking.current) return;
      asking.current = true;
      modal.confirm({
        title: '有未保存的修改',
        content: '离开后，本次填写但尚未保存的内容将丢失。确定离开吗？',
        okText: '离开，不保存',
        okButtonProps: { danger: true },
        cancelText: '留在此处',
        autoFocusButton: 'cancel',
        onOk: () => {
          asking.current = false;
          onLeave();
        },
        onCancel: () => {
          asking.current = false;
          onStay();
        },
      });
    },
    [modal],
  );
}

export interface UnsavedChanges {
  /** Runs `leave` at once when nothing is unsaved, else after the clerk confirms. */
  confirmLeave(leave: () => void): void;
  /** The changes were saved: stop guarding until the form changes again. */
  release(): void;
}

/** Registers `dirty` for the guard (navigation, window close) and gives the dialog's close its question. */
export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const [owner] = useState(() => Symbol('unsaved'));
  useEffect(() => {
    if (!dirty) return;
    dirtyOwners.add(owner);
    changed();
    return () => {
      dirtyOwners.delete(owner);
      changed();
    };
  }, [dirty, owner]);
  const ask = useAsk();
  const release = useCallback(() => {
    dirtyOwners.delete(owner);
    changed();
  }, [owner]);
  const confirmLeave = useCallback(
    (leave: () => void) => {
      if (!dirty || !dirtyOwners.has(owner)) return leave();
      ask(() => {
        // Leaving on purpose: this form no longer holds a navigation back.
        release();
        leave();
      });
    },
    [dirty, ask, owner, release],
  );
  return useMemo(() => ({ confirmLeave, release }), [confirmLeave, release]);
}

/** The one navigation blocker and the window-close prompt, for whatever is dirty. Render once inside the router. */
export function UnsavedChangesGuard() {
  const [dirty, setDirty] = useState(hasUnsavedChanges());
  useEffect(() => {
    const l = () => setDirty(hasUnsavedChanges());
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  const ask = useAsk();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => hasUnsavedChanges() && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  useEffect(() => {
    if (blocker.state === 'blocked')
      ask(
        () => {
          dirtyOwners.clear();
          changed();
          blocker.proceed();
        },
        () => blocker.reset(),
      );
  }, [blocker, ask]);

  // Closing the tab or the window: the browser's (or Electron's) own prompt; a page cannot word it.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return null;
}

import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSession } from '../auth/session';

/** A column a clerk may show or hide; `fixed` ones are always shown (listed, greyed). */
export interface ChoosableColumn {
  key: string;
  title: string;
  defaultShown: boolean;
  fixed?: boolean;
}

const storageKey = (table: string, user: string) => `cadre-desk:columns:${table}:${user || '（无账户）'}`;

function readChoice(key: string): string[] | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((k) => typeof k === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Which of a table's columns are shown, remembered per user on this computer (localStorage; each user who signs in
 * on the same PC keeps their own). Returns the shown keys and a 列 button with the choices.
 */
export function useColumnChoice(table: string, columns: readonly ChoosableColumn[]) {
  const { session } = useSession();
  const key = storageKey(table, session.user?.username ?? '');
  const defaults = useMemo(() => columns.filter((c) => c.defaultShown || c.fixed).map((c) => c.key), [columns]);
  const [chosen, setChosen] = useState<{ key: string; shown: string[] } | null>(null);
  // Read again when the user changes (切换用户): a choice belongs to its key.
  const shownList = chosen?.key === key ? chosen.shown : (readChoice(key) ?? defaults);
  const shown = useMemo(() => new Set([...shownList, ...columns.filter((c) => c.fixed).map((c) => c.key)]), [shownList, columns]);
  const save = useCallback(
    (next: string[]) => {
      setChosen({ key, shown: next });
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts until the page is closed.
      }
    },
    [key],
  );
  const toggle = (col: string, on: boolean) => save(on ? [...new Set([...shown, col])] : [...shown].filter((k) => k !== col));

  const chooser = (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="显示的列"
      content={
        <Flex vertical gap={4} data-testid={`columns-${table}`}>
          {columns.map((c) => (
            <Checkbox key={c.key} checked={shown.has(c.key)} disabled={c.fixed} onChange={(e) => toggle(c.key, e.target.checked)}>
              {c.title}
            </Checkbox>
          ))}
          <Typography.Link style={{ marginTop: 4 }} onClick={() => save(defaults)}>
            恢复默认
          </Typography.Link>
        </Flex>
      }
    >
      <Button icon={<SettingOutlined />}>列</Button>
    </Popover>
  );
  return { shown, chooser };
}

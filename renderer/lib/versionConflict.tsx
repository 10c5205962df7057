import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Typography } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { isVersionConflict } from '../../shared/editVersion';
import { FIELD_LABELS } from '../../shared/fieldLabels';
import { ApiError, errorMessage } from '../api/client';

/**
 * Two clerks editing the same record: every form sends the version (`updatedAt`) it was loaded with, and a save
 * from a version that is no longer the record's is refused (shared/editVersion.ts) — “‘张三’的档案已被李四于
 * 14:03 修改，请刷新后再改（您的修改未保存）”. The form shows that refusal as an alert with a 刷新 button that loads
 * the record again; what the clerk had typed stays listed beside it for copying.
 */

/** The refusal's text when `err` is a version conflict; null for any other error. */
export function versionConflictOf(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT') return null;
  const text = errorMessage(err);
  return isVersionConflict(text) ? text : null;
}

export interface KeptField {
  label: string;
  value: string;
}

/** A field's value as a line of text (lists and sub-records joined), '' for nothing. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asText).filter(Boolean).join('；');
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).map(asText).filter(Boolean).join(' ');
  return String(v);
}

/** The fields the clerk changed since the form was loaded: label and what they typed. */
export function changedFields(loaded: object | undefined, typed: object | undefined, labels: Record<string, string> = {}): KeptField[] {
  if (!loaded || !typed) return [];
  const a = loaded as Record<string, unknown>;
  const b = typed as Record<string, unknown>;
  const kept: KeptField[] = [];
  for (const key of Object.keys(b)) {
    if (key === 'expectedVersion' || key === 'updatedAt' || key === 'createdAt' || key === 'id') continue;
    if (JSON.stringify(a[key] ?? '') === JSON.stringify(b[key] ?? '')) continue;
    const value = asText(b[key]);
    kept.push({ label: labels[key] ?? FIELD_LABELS[key] ?? key, value: value || '（清空）' });
  }
  return kept;
}

/**
 * The state of one form's conflict: `take(err, loaded, typed)` in the save's catch (true when it was a conflict,
 * then shown in the form), `alert(onRefresh)` where the form shows it, `clear()` when the form closes.
 */
export function useVersionConflict() {
  const [conflict, setConflict] = useState<string | null>(null);
  const [kept, setKept] = useState<KeptField[]>([]);
  const [refreshing, setRefreshing] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const { message } = App.useApp();

  const take = useCallback((err: unknown, loaded?: object, typed?: object, labels?: Record<string, string>): boolean => {
    const text = versionConflictOf(err);
    if (!text) return false;
    setConflict(text);
    setKept(changedFields(loaded, typed, labels));
    // The alert is at the top of the form: bring it into view when 保存 was pressed at the bottom.
    setTimeout(() => anchor.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }), 0);
    return true;
  }, []);

  const clear = useCallback(() => {
    setConflict(null);
    setKept([]);
  }, []);

  const alert = (onRefresh: () => unknown): ReactNode => (
    // scroll-margin: clear of the fixed header when scrolled into view.
    <div ref={anchor} data-testid="version-conflict" style={{ scrollMarginTop: 96 }}>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={conflict}
          description={kept.length ? '刷新后将显示最新内容；您刚才填写的内容列在下方，可复制后重新填入。' : '刷新后将显示最新内容，请在此基础上重新修改。'}
          action={
            <Button
              type="primary"
              size="small"
              icon={<ReloadOutlined />}
              loading={refreshing}
              onClick={async () => {
                setRefreshing(true);
                try {
                  await onRefresh();
                  setConflict(null);
                } catch (e) {
                  message.error(errorMessage(e));
                } finally {
                  setRefreshing(false);
                }
              }}
            >
              刷新
            </Button>
          }
        />
      )}
      {kept.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setKept([]) }}
          title={conflict ? '您刚才填写的内容（未保存）' : '您刷新前填写的内容（未保存，可复制后重新填入）'}
          description={
            <div style={{ maxHeight: 180, overflow: 'auto' }} data-testid="version-conflict-kept">
              {kept.map((f) => (
                <div key={f.label}>
                  <Typography.Text type="secondary">{f.label}：</Typography.Text>
                  <Typography.Text copyable={{ text: f.value, tooltips: ['复制', '已复制'] }}>{f.value}</Typography.Text>
                </div>
              ))}
            </div>
          }
        />
      )}
    </div>
  );

  return { conflict, take, clear, alert };
}

import { Typography } from 'antd';
import { useState } from 'react';
import type { AuditChangeLine } from '../../../shared/audit';

/** Lines shown before 展开. */
const FIRST_LINES = 3;
/** A value longer than this (a 简历, a 工作总结) is cut until 展开. */
const SHORT_VALUE = 80;

function Value({ text, full }: { text: string; full: boolean }) {
  if (!text) return <span className="audit-empty">（空）</span>;
  return <>{full || text.length <= SHORT_VALUE ? text : `${text.slice(0, SHORT_VALUE)}…`}</>;
}

/** 修改内容: one “标签：旧值 → 新值” per changed field, the entry's 说明 under them; long ones folded. */
export function AuditChanges({ changes, note }: { changes: AuditChangeLine[]; note: string }) {
  const [open, setOpen] = useState(false);
  const foldable = changes.length > FIRST_LINES || changes.some((c) => c.before.length > SHORT_VALUE || c.after.length > SHORT_VALUE);
  const shown = open ? changes : changes.slice(0, FIRST_LINES);
  if (!changes.length && !note) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div className="audit-changes">
      {shown.map((c, i) => (
        <div key={`${c.field}-${i}`} className="audit-change">
          <span className="audit-label">{c.label}：</span>
          <span className="audit-before">
            <Value text={c.before} full={open} />
          </span>
          <span className="audit-arrow"> → </span>
          <span className="audit-after">
            <Value text={c.after} full={open} />
          </span>
        </div>
      ))}
      {foldable && (
        <Typography.Link className="audit-fold" onClick={() => setOpen(!open)}>
          {open ? '收起' : changes.length > FIRST_LINES ? `展开（共 ${changes.length} 项）` : '展开'}
        </Typography.Link>
      )}
      {note && <div className="audit-note">说明：{note}</div>}
    </div>
  );
}

import { Tag } from 'antd';
import type { TemplateStatus } from '../../../shared/growth';

const COLORS: Record<TemplateStatus, string> = { 草稿: 'default', 启用: 'success', 停用: 'default' };

/** 草稿 / 启用 / 停用 of a template version. */
export function TemplateStatusTag({ status }: { status: TemplateStatus }) {
  return (
    <Tag color={COLORS[status]} variant={status === '停用' ? 'filled' : undefined} style={{ marginInlineEnd: 0, ...(status === '停用' ? { color: '#8c8c8c' } : {}) }}>
      {status}
    </Tag>
  );
}

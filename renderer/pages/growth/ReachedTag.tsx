import { RiseOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { GROWTH_STAGES } from '../../../shared/growth';
import { LEVEL_COLORS, STAGE_HINTS } from './growthStyle';

/**
 * The stage reached, as the backend labelled it: 学习者 … 传递者 in the stage's colour, 未达到学习者 in grey,
 * 尚无完整评分 / 未评价 as a plain tag (`scored` false).
 */
export function ReachedTag({ level, label, scored = true, size = 'default' }: { level: number; label: string; scored?: boolean; size?: 'default' | 'large' }) {
  const large = size === 'large' ? { fontSize: 15, padding: '3px 12px', lineHeight: '22px' } : {};
  if (!scored) return <Tag style={{ marginInlineEnd: 0, ...large }}>{label}</Tag>;
  const tag = (
    <Tag
      color={LEVEL_COLORS[level]}
      variant={level === 0 ? 'outlined' : 'solid'}
      icon={level === 4 ? <RiseOutlined /> : undefined}
      style={{ marginInlineEnd: 0, fontWeight: 600, ...(level === 0 ? { color: '#8c8c8c' } : {}), ...large }}
    >
      {label}
    </Tag>
  );
  return level > 0 ? <Tooltip title={`达到“${GROWTH_STAGES[level - 1]}”：${STAGE_HINTS[GROWTH_STAGES[level - 1]]}`}>{tag}</Tooltip> : tag;
}

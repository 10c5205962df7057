import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';

/** 部分评价: some rater with a weight is missing, so the result was renormalised over those present. */
export function PartialBadge({ missing }: { missing?: readonly string[] }) {
  const who = missing?.length ? `缺少${missing.join('、')}的评分，` : '有评价主体缺评，';
  return (
    <Tooltip title={`${who}结果按已评主体的权重重新分配计算`}>
      <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        部分评价
      </Tag>
    </Tooltip>
  );
}

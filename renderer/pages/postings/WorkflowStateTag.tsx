import { LockOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { editRefusal, type WorkflowState } from '../../../shared/workflow';

const COLORS: Record<WorkflowState, string> = {
  草稿: 'default',
  已提交: 'blue',
  已审核: 'green',
  已归档: 'purple',
};

/** 草稿/已提交/已审核/已归档 as a coloured tag; a locked record says why it cannot be changed. */
export function WorkflowStateTag({ state }: { state: WorkflowState }) {
  const refusal = editRefusal(state);
  const tag = (
    <Tag color={COLORS[state]} icon={refusal ? <LockOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
      {state}
    </Tag>
  );
  return refusal ? <Tooltip title={refusal}>{tag}</Tooltip> : tag;
}

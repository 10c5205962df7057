import { Tag } from 'antd';
import type { PostingStatus } from '../../../shared/codes/secondment';

const COLORS: Record<PostingStatus, string> = {
  拟派: 'default',
  在岗: 'green',
  延期: 'orange',
  期满: 'blue',
  '提前结束（召回）': 'red',
};

/** 挂职状态 as a coloured tag. */
export function StatusTag({ status }: { status: PostingStatus }) {
  return <Tag color={COLORS[status]}>{status}</Tag>;
}

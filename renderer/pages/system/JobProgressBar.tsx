import { Flex, Progress, Typography } from 'antd';
import type { JobProgress } from '../../../shared/jobProgress';

/** A long job's progress: the bar and “stage (done/total)”. */
export function JobProgressBar({ progress }: { progress: JobProgress }) {
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Flex vertical gap={2} role="status" aria-live="polite">
      <Typography.Text>
        {progress.stage}（{progress.done}/{progress.total}）
      </Typography.Text>
      <Progress percent={percent} size="small" status={percent >= 100 ? 'success' : 'active'} />
    </Flex>
  );
}

import { Table, Typography } from 'antd';
import { formatPercent, type OnPostMonth } from '../../../shared/onPost';
import type { PostingOnPost } from '../../../shared/leave';

/** A ratio, red when it is below the threshold. */
export function RatioText({ ratio, threshold }: { ratio: number | null; threshold: number }) {
  const below = ratio !== null && ratio < threshold;
  return <Typography.Text type={below ? 'danger' : undefined} strong={below}>{formatPercent(ratio)}</Typography.Text>;
}

/** 在岗天数 per month of the counted span, with the posting's total as the last row. */
export function OnPostMonthsTable({ onPost }: { onPost: PostingOnPost }) {
  return (
    <Table<OnPostMonth>
      rowKey="month"
      size="small"
      bordered
      dataSource={onPost.months}
      pagination={false}
      style={{ maxWidth: 640 }}
      locale={{ emptyText: '挂职尚未开始或日期不完整，暂无在岗天数' }}
      columns={[
        { title: '月份', dataIndex: 'month', width: 100 },
        { title: '挂职天数', dataIndex: 'postingDays', width: 100, align: 'right' },
        { title: '请假天数', dataIndex: 'leaveDays', width: 100, align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0) },
        { title: '在岗天数', dataIndex: 'onPostDays', width: 100, align: 'right' },
        { title: '在岗率', dataIndex: 'ratio', width: 100, align: 'right', render: (v: number) => <RatioText ratio={v} threshold={onPost.threshold} /> },
      ]}
      summary={() =>
        onPost.months.length ? (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {onPost.postingDays}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {onPost.leaveDays}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {onPost.onPostDays}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <RatioText ratio={onPost.ratio} threshold={onPost.threshold} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}

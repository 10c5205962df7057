import { Card, Empty, Flex, Statistic, Typography } from 'antd';
import type { ResultTotals } from '../../shared/ledger';

/** 万元 as entered (up to 4 decimals, i.e. to the 元), with thousands separators. */
export const formatWan = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });

/** 工作实绩 totals: the count and the money overall, then per category (签约资金合计, 销售额合计, 人次 …). */
export function ResultTotalsCards({ totals, emptyText = '尚无工作实绩' }: { totals: ResultTotals; emptyText?: string }) {
  if (!totals.count) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <Flex gap={12} wrap>
      <Card size="small" style={{ minWidth: 180, background: '#fff7f6' }}>
        <Statistic title="实绩合计" value={totals.count} suffix="项" />
        <Typography.Text type="secondary">金额合计 {formatWan(totals.amount)} 万元</Typography.Text>
      </Card>
      {totals.byCategory.map((c) => (
        <Card key={c.category} size="small" style={{ minWidth: 180 }} data-testid={`totals-${c.category}`}>
          <Typography.Text strong>{c.category}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {c.count}项
          </Typography.Text>
          {c.amount !== null && <Statistic title={`${c.amountLabel}合计`} value={formatWan(c.amount)} suffix="万元" styles={{ content: { fontSize: 20 } }} />}
          {c.quantities.map((q) => (
            <div key={q.unit}>
              <Typography.Text>
                {formatWan(q.quantity)} {q.unit}
              </Typography.Text>
            </div>
          ))}
        </Card>
      ))}
    </Flex>
  );
}

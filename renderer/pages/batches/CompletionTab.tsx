import { Alert, Card, Flex, Select, Skeleton, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CompletionRow } from '../../../shared/assessment';
import type { BatchPage } from '../../../shared/batch';
import { formatPercent } from '../../../shared/onPost';
import { useApi } from '../../api/useApi';
import { StatusTag } from '../../components/postings/StatusTag';
import { ResultTotalsCards } from '../../components/ResultTotalsCards';
import { WorkflowStateTag } from '../postings/WorkflowStateTag';

const missing = (text: string) => <Tag color="red">{text}</Tag>;
const na = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
const CONFIRMED = ['已审核', '已归档'];

/** Whether a row still lacks something: the year's annual assessment, a due 期满考核, or a confirmation of either. */
function incomplete(r: CompletionRow): boolean {
  const annualOpen = r.annualExpected && (!r.annual || !CONFIRMED.includes(r.annual.state));
  const termOpen = r.termDue && (!r.term || !CONFIRMED.includes(r.term.state));
  return annualOpen || termOpen;
}

/**
 * 考核完成情况 of a batch: per member the year's annual assessment, the 期满考核 once due, the quarterly reviews
 * against the quarters run, the counts; and the batch's work results totals.
 */
export function CompletionTab({ page }: { page: BatchPage }) {
  const navigate = useNavigate();
  const [year, setYear] = useState<number>();
  const [onlyOpen, setOnlyOpen] = useState(false);
  const c = useApi('assessment:batchCompletion', { batchId: page.batch.id, ...(year ? { year } : {}) });
  const totals = useApi('ledger:totals', { scope: 'batch', id: page.batch.id });

  if (c.error) return <Alert type="error" showIcon title={c.error} />;
  if (!c.data) return <Skeleton active />;
  const d = c.data;
  const n = d.counts;
  const thisYear = new Date().getFullYear();
  const from = Number(page.batch.startDate.slice(0, 4)) || d.year;
  const to = Math.max(Number(page.batch.endDate.slice(0, 4)) || d.year, from);
  const years = Array.from({ length: Math.min(to - from + 1, 10) }, (_, i) => from + i);
  if (!years.includes(d.year)) years.push(d.year);
  if (!years.includes(thisYear) && thisYear >= from && thisYear <= to + 1) years.push(thisYear);
  years.sort();
  const rows = onlyOpen ? d.rows.filter(incomplete) : d.rows;
  // Members whose file is in the recycle bin are shown greyed, as on the members tab.
  const recycled = new Set(page.members.filter((m) => m.cadreDeleted).map((m) => m.postingId));

  return (
    <Flex vertical gap={16}>
      <Flex gap={16} align="center" wrap>
        <Space>
          <span>考核年度</span>
          <Select value={d.year} style={{ width: 110 }} aria-label="考核年度" onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
        </Space>
        <Space>
          <Switch checked={onlyOpen} onChange={setOnlyOpen} aria-label="只看未完成" />
          <span>只看未完成</span>
        </Space>
        <Typography.Text type="secondary">截至 {d.today}；“已审核”“已归档”视为完成</Typography.Text>
      </Flex>
      <Flex gap={16} wrap>
        <Card size="small" title={`${d.year}年度考核`} style={{ flex: 1, minWidth: 380 }}>
          <Flex gap={28}>
            <Statistic title="应考核" value={n.annualMissing + n.annualPending + n.annualDone} suffix="人" />
            <Statistic title="未登记" value={n.annualMissing} styles={{ content: { color: n.annualMissing ? '#cf1322' : undefined } }} />
            <Statistic title="待审核" value={n.annualPending} styles={{ content: { color: n.annualPending ? '#d48806' : undefined } }} />
            <Statistic title="已完成" value={n.annualDone} styles={{ content: { color: '#389e0d' } }} />
          </Flex>
        </Card>
        <Card size="small" title="期满考核" style={{ flex: 1, minWidth: 380 }}>
          <Flex gap={28}>
            <Statistic title="已到期" value={n.termDue} suffix="人" />
            <Statistic title="未登记" value={n.termMissing} styles={{ content: { color: n.termMissing ? '#cf1322' : undefined } }} />
            <Statistic title="待审核" value={n.termPending} styles={{ content: { color: n.termPending ? '#d48806' : undefined } }} />
            <Statistic title="已完成" value={n.termDone} styles={{ content: { color: '#389e0d' } }} />
          </Flex>
        </Card>
      </Flex>
      <Table<CompletionRow>
        rowKey="postingId"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: onlyOpen ? '全部成员的考核均已完成' : '本批次还没有成员' }}
        onRow={(r) => (recycled.has(r.postingId) ? { style: { background: '#fafafa', color: 'rgba(0,0,0,0.35)' } } : {})}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 110,
            fixed: 'left',
            render: (v: string, r) => (
              <Space size={4}>
                <a onClick={() => navigate(`/postings/${r.postingId}`)} style={recycled.has(r.postingId) ? { color: 'rgba(0,0,0,0.35)' } : undefined}>
                  {v}
                </a>
                {recycled.has(r.postingId) && <Tag>已删除</Tag>}
              </Space>
            ),
          },
          // The unit takes the width the other columns leave (wrapping, never cut).
          { title: '挂职单位', dataIndex: 'hostUnit', render: (v: string) => v || '—' },
          { title: '状态', dataIndex: 'status', width: 120, render: (s) => <StatusTag status={s} /> },
          {
            title: `${d.year}年度考核`,
            key: 'annual',
            width: 170,
            render: (_, r) =>
              r.annual ? (
                <Space size={4}>
                  <Tag>{r.annual.grade}</Tag>
                  <WorkflowStateTag state={r.annual.state} />
                </Space>
              ) : r.annualExpected ? (
                missing('未登记')
              ) : (
                na('不在挂职期内')
              ),
          },
          {
            title: '期满考核',
            key: 'term',
            width: 260,
            render: (_, r) =>
              r.term ? (
                <Space size={4} wrap>
                  {r.term.grade ? <Tag>{r.term.grade}</Tag> : na('未评定')}
                  <WorkflowStateTag state={r.term.state} />
                  <Tooltip title={`有效票 ${r.term.rates.total}`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      优秀率 {formatPercent(r.term.rates.excellentRate)} · 称职以上率 {formatPercent(r.term.rates.competentOrBetterRate)}
                    </Typography.Text>
                  </Tooltip>
                </Space>
              ) : r.termDue ? (
                missing('已到期未登记')
              ) : (
                na(`未到期（${r.actualEndDate || r.plannedEndDate || '—'}）`)
              ),
          },
          {
            title: '季度小结',
            key: 'q',
            width: 100,
            render: (_, r) => {
              const short = r.quarterlyCount < r.quartersElapsed;
              return (
                <Tooltip title={`已登记 ${r.quarterlyCount} 个季度，挂职已开始 ${r.quartersElapsed} 个季度`}>
                  <Typography.Text type={short ? 'warning' : undefined}>{`${r.quarterlyCount} / ${r.quartersElapsed}`}</Typography.Text>
                </Tooltip>
              );
            },
          },
          { title: '操作', key: 'ops', width: 90, render: (_, r) => <a onClick={() => navigate(`/postings/${r.postingId}`)}>登记考核</a> },
        ]}
      />
      <Card size="small" title="本批次工作实绩合计">
        {totals.error ? <Alert type="error" showIcon title={totals.error} /> : totals.data ? <ResultTotalsCards totals={totals.data} emptyText="本批次尚无工作实绩" /> : <Skeleton active />}
      </Card>
    </Flex>
  );
}

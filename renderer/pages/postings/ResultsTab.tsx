import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState, type Key } from 'react';
import type { PostingHeader } from '../../../shared/assessment';
import { RESULT_AMOUNT_LABELS } from '../../../shared/codes/assessment';
import type { WorkResult } from '../../../shared/ledger';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { formatWan, ResultTotalsCards } from '../../components/ResultTotalsCards';
import { AuditHistoryDrawer, type AuditTarget } from './AuditHistoryDrawer';
import { EvidenceList } from './EvidenceList';
import { ResultFormModal, type ResultFormTarget } from './ResultFormModal';

/** 工作实绩 of a posting: totals (this posting, and all of the cadre's postings), the ledger by category, evidence. */
export function ResultsTab({ posting }: { posting: PostingHeader }) {
  const { message } = App.useApp();
  const { canCall } = useSession();
  const ledger = useApi('ledger:list', { scope: 'posting', id: posting.id });
  const cadreTotals = useApi('ledger:totals', { scope: 'cadre', id: posting.cadreId });
  const [category, setCategory] = useState('全部');
  const [form, setForm] = useState<ResultFormTarget | null>(null);
  const [history, setHistory] = useState<AuditTarget | null>(null);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);

  if (ledger.error) return <Alert type="error" showIcon title={ledger.error} />;
  if (!ledger.data) return <Skeleton active />;
  const { items, totals } = ledger.data;
  const reload = () => {
    ledger.reload();
    cadreTotals.reload();
  };
  const remove = async (r: WorkResult) => {
    try {
      await api('ledger:delete', { id: r.id });
      message.success(`工作实绩“${r.title}”已删除`);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const categories = totals.byCategory.map((c) => c.category);
  const shown = category === '全部' ? items : items.filter((r) => r.category === category);
  const otherPostings = cadreTotals.data && cadreTotals.data.count !== totals.count;

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="本段挂职实绩合计">
        <ResultTotalsCards totals={totals} emptyText={canCall('ledger:save') ? '尚无工作实绩：点击“登记工作实绩”添加' : '尚无工作实绩'} />
      </Card>
      {otherPostings && (
        <Card size="small" title={`${posting.cadreName}全部挂职实绩合计`}>
          <ResultTotalsCards totals={cadreTotals.data!} />
        </Card>
      )}
      <Card
        size="small"
        title={`工作实绩台账（${items.length}）`}
        extra={
          canCall('ledger:save') && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
              登记工作实绩
            </Button>
          )
        }
      >
        {categories.length > 1 && (
          <Segmented
            style={{ marginBottom: 12 }}
            value={category}
            onChange={(v) => setCategory(String(v))}
            options={['全部', ...categories].map((c) => ({ value: c, label: c === '全部' ? `全部（${items.length}）` : `${c}（${totals.byCategory.find((t) => t.category === c)!.count}）` }))}
          />
        )}
        <Table<WorkResult>
          rowKey="id"
          size="small"
          dataSource={shown}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '尚无工作实绩' }}
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: setExpanded,
            expandedRowRender: (r) => (
              <Flex vertical gap={8}>
                {r.description && <div style={{ whiteSpace: 'pre-wrap' }}>{r.description}</div>}
                <EvidenceList result={r} onChanged={reload} />
              </Flex>
            ),
          }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '类别', dataIndex: 'category', width: 100, render: (c: WorkResult['category']) => <Tag>{c}</Tag> },
            { title: '事项', dataIndex: 'title', ellipsis: true },
            {
              title: '金额（万元）',
              dataIndex: 'amount',
              width: 150,
              align: 'right',
              render: (v: number | null, r) =>
                v === null ? (
                  '—'
                ) : (
                  <span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 4 }}>
                      {RESULT_AMOUNT_LABELS[r.category]}
                    </Typography.Text>
                    {formatWan(v)}
                  </span>
                ),
            },
            { title: '数量', key: 'q', width: 100, align: 'right', render: (_, r) => (r.quantity === null ? '—' : `${formatWan(r.quantity)} ${r.quantityUnit}`) },
            {
              title: '证据',
              key: 'ev',
              width: 80,
              render: (_, r) => (
                <Button size="small" type="link" icon={<PaperClipOutlined />} onClick={() => setExpanded((k) => (k.includes(r.id) ? k : [...k, r.id]))} aria-label={`${r.title}的证据文件`}>
                  {r.evidence.length}
                </Button>
              ),
            },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              render: (_, r) => (
                <Space size={4}>
                  {canCall('ledger:save') && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ result: r })}>
                      编辑
                    </Button>
                  )}
                  {canCall('ledger:delete') && (
                    <Popconfirm title={`删除工作实绩“${r.title}”？`} description={r.evidence.length ? `其 ${r.evidence.length} 个证据文件将一并删除。` : undefined} okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除${r.title}`} />
                    </Popconfirm>
                  )}
                  <Button size="small" type="link" onClick={() => setHistory({ channel: 'ledger:history', id: r.id, title: r.title })}>
                    历史
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ResultFormModal
        target={form}
        posting={posting}
        onClose={() => setForm(null)}
        onSaved={(saved) => {
          setForm(null);
          // A new result opens with its evidence list, ready for the files.
          setExpanded((k) => (k.includes(saved.id) ? k : [...k, saved.id]));
          reload();
        }}
      />
      <AuditHistoryDrawer target={history} onClose={() => setHistory(null)} />
    </Flex>
  );
}

import { DeleteOutlined, EditOutlined, ExclamationCircleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  quarterLabel,
  type AnnualAssessment,
  type AnnualTextProposal,
  type AssessmentRecord,
  type MonthlyReport,
  type Note,
  type PostingRecords,
  type QuarterlyReview,
  type RecordKind,
  type Talk,
  type TransitionResult,
} from '../../../shared/assessment';
import { ACTION_PERMISSIONS } from '../../../shared/permissions';
import { termEndRefusal } from '../../../shared/termRules';
import { dayOf } from '../../../shared/validators/yearMonth';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { AnnualProposalModal } from './AnnualProposalModal';
import { BulkWorkflowBar } from './BulkWorkflowBar';
import { RecordFormModal, type RecordFormTarget } from './RecordFormModal';
import { RecordHistoryDrawer, type HistoryTarget } from './RecordHistoryDrawer';
import { recordTitle, SAVE_CHANNELS } from './recordKinds';
import { RecordSection } from './RecordSection';
import { ReopenModal, type ReopenTarget } from './ReopenModal';
import { TermAssessmentView } from './TermAssessmentView';
import { WorkflowActions } from './WorkflowActions';
import { WorkflowStateTag } from './WorkflowStateTag';

const GRADE_COLORS: Record<string, string> = { 优秀: 'red', 好: 'red', 称职: 'green', 较好: 'green', 基本称职: 'orange', 一般: 'orange', 不称职: 'default', 较差: 'default' };
const gradeTag = (g: string) => (g ? <Tag color={GRADE_COLORS[g]}>{g}</Tag> : <Typography.Text type="secondary">未评定</Typography.Text>);
const fullText = (...parts: [string, string][]) => (
  <Flex vertical gap={8}>
    {parts.map(([label, v]) => (
      <div key={label}>
        <Typography.Text type="secondary">{label}：</Typography.Text>
        <div style={{ whiteSpace: 'pre-wrap' }}>{v || '—'}</div>
      </div>
    ))}
  </Flex>
);

/**
 * 考核记录 of a posting: a section per kind. Workflow records (季度、年度、期满) show their state, the actions it
 * allows and their history; only a draft offers 编辑/删除, the others open read-only.
 */
export function RecordsTab({ page, onChanged: reloadPage }: { page: PostingRecords; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const { canCall, can } = useSession();
  // Ticking rows is offered to a role that may submit or review them.
  const mayBulk = can(ACTION_PERMISSIONS.submit) || can(ACTION_PERMISSIONS.review);
  const [form, setForm] = useState<RecordFormTarget | null>(null);
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const [reopen, setReopen] = useState<ReopenTarget | null>(null);
  const [selectedQuarterly, setSelectedQuarterly] = useState<number[]>([]);
  const [selectedAnnual, setSelectedAnnual] = useState<number[]>([]);
  // 年度考核结果 proposals: those still open for the posting's reviewed years, and the one on screen.
  const proposals = useApi('record:annualProposals', page.annual.some((a) => a.workflow.state === '已审核' || a.workflow.state === '已归档') ? { postingId: page.posting.id } : null);
  const [proposal, setProposal] = useState<AnnualTextProposal | null>(null);
  const proposalOf = (recordId: number) => proposals.data?.find((p) => p.recordId === recordId);
  const onChanged = () => {
    reloadPage();
    proposals.reload();
  };

  /** What a step answered besides the record: an annual-text note, a proposal to show, warnings to read. */
  const outcome = (results: TransitionResult[]) => {
    for (const r of results) if (r.annualTextNote) message.info(r.annualTextNote, 6);
    const warnings = results.flatMap((r) => r.warnings);
    if (warnings.length)
      modal.warning({
        title: '期满考核已提交，但还有前期记录未完成',
        content: (
          <Flex vertical gap={4} data-testid="transition-warnings">
            {warnings.map((w) => (
              <span key={w}>{w}</span>
            ))}
          </Flex>
        ),
        okText: '知道了',
      });
    const next = results.find((r) => r.proposal)?.proposal;
    if (next) setProposal(next);
  };
  const today = dayOf(new Date());
  const termRefusal = termEndRefusal(page.posting, today, '期满考核');

  /** 登记… for a role that may save this kind; nothing otherwise. */
  const add = (kind: RecordKind) => (canCall(SAVE_CHANNELS[kind]) ? () => setForm({ kind }) : undefined);
  const remove = async (r: AssessmentRecord) => {
    try {
      await api('record:delete', { id: r.id });
      message.success(`${recordTitle(r)}已删除`);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  /** 编辑/删除 for a draft or a plain record; 查看 for a locked one, or for a role that may not change records. */
  const ops = (r: AssessmentRecord) => {
    const locked = 'workflow' in r && !r.workflow.editable;
    const view = (
      <Button size="small" icon={<EyeOutlined />} onClick={() => setForm({ kind: r.kind, record: r })}>
        查看
      </Button>
    );
    if (locked) return view;
    return (
      <Space size={4}>
        {canCall(SAVE_CHANNELS[r.kind]) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ kind: r.kind, record: r })}>
            编辑
          </Button>
        ) : (
          view
        )}
        {canCall('record:delete') && (
          <Popconfirm title={`删除${recordTitle(r)}？`} okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除${recordTitle(r)}`} />
          </Popconfirm>
        )}
        {!('workflow' in r) && (
          <Button size="small" type="link" onClick={() => setHistory({ id: r.id, title: recordTitle(r) })}>
            历史
          </Button>
        )}
      </Space>
    );
  };
  const opsColumn = <T extends AssessmentRecord>(width = 150) => ({ title: '操作', key: 'ops', width, render: (_: unknown, r: T) => ops(r) });
  const workflowColumns = <T extends AnnualAssessment | QuarterlyReview>(): TableColumnsType<T> => [
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_, r) => {
        const p = r.kind === 'annual' ? proposalOf(r.id) : undefined;
        return (
          <Flex vertical gap={4} align="start">
            <WorkflowStateTag state={r.workflow.state} />
            {p && (
              <Tooltip title="干部档案中的年度考核结果与本次考核不一致，点击查看建议">
                <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ cursor: 'pointer', marginInlineEnd: 0 }} onClick={() => setProposal(p)}>
                  档案待更新
                </Tag>
              </Tooltip>
            )}
          </Flex>
        );
      },
    },
    {
      title: '流程',
      key: 'flow',
      width: 200,
      render: (_, r) => <WorkflowActions record={r} title={recordTitle(r)} onChanged={onChanged} onReopen={setReopen} onHistory={setHistory} onOutcome={(x) => outcome([x])} />,
    },
    opsColumn<T>(120),
  ];

  const term = page.term;
  return (
    <Flex vertical gap={16}>
      <RecordSection<AnnualAssessment>
        title="年度考核"
        addLabel="登记年度考核"
        onAdd={add('annual')}
        rows={page.annual}
        selection={mayBulk ? { selected: selectedAnnual, onChange: setSelectedAnnual, label: recordTitle } : undefined}
        extra={<BulkWorkflowBar records={page.annual.filter((r) => selectedAnnual.includes(r.id))} onRan={() => (setSelectedAnnual([]), onChanged())} onDone={outcome} />}
        emptyText="尚无年度考核记录"
        expand={(r) => fullText(['考核评语', r.comments], ...(r.gradeReason ? ([['不确定等次原因', r.gradeReason]] as [string, string][]) : []))}
        columns={[
          { title: '年度', dataIndex: 'year', width: 80, render: (y: number) => `${y}年` },
          { title: '等次', dataIndex: 'grade', width: 110, render: (g: string, r) => (r.gradeReason ? <Tooltip title={`原因：${r.gradeReason}`}>{gradeTag(g)}</Tooltip> : gradeTag(g)) },
          { title: '考核评语', dataIndex: 'comments', ellipsis: true, render: (v: string) => v || '—' },
          ...workflowColumns<AnnualAssessment>(),
        ]}
      />

      <Card
        size="small"
        title="期满考核"
        data-testid="records-期满考核"
        extra={
          term ? (
            <Space size={8}>
              <WorkflowStateTag state={term.workflow.state} />
              <WorkflowActions record={term} title={recordTitle(term)} onChanged={onChanged} onReopen={setReopen} onHistory={setHistory} onOutcome={(x) => outcome([x])} />
              {ops(term)}
            </Space>
          ) : (
            canCall(SAVE_CHANNELS.term) && (
              // Only at the end of the term (shared/termRules.ts): the button says from when.
              <Tooltip title={termRefusal?.replace(/^期满考核：/, '')}>
                <Button size="small" type="primary" icon={<PlusOutlined />} disabled={!!termRefusal} onClick={() => setForm({ kind: 'term' })}>
                  登记期满考核
                </Button>
              </Tooltip>
            )
          )
        }
      >
        {term ? (
          <TermAssessmentView term={term} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={termRefusal ? `尚未登记期满考核：${termRefusal.replace(/^期满考核：/, '')}` : '尚未登记期满考核（含民主测评）'} />
        )}
      </Card>

      <RecordSection<QuarterlyReview>
        title="季度小结/考核"
        addLabel="登记季度小结"
        onAdd={add('quarterly')}
        rows={page.quarterly}
        selection={mayBulk ? { selected: selectedQuarterly, onChange: setSelectedQuarterly, label: recordTitle } : undefined}
        extra={<BulkWorkflowBar records={page.quarterly.filter((r) => selectedQuarterly.includes(r.id))} onRan={() => (setSelectedQuarterly([]), onChanged())} onDone={outcome} />}
        emptyText="尚无季度小结"
        expand={(r) => fullText(['个人小结', r.selfSummary], ['挂职单位评价', r.hostEvaluation])}
        columns={[
          {
            title: '季度',
            key: 'q',
            width: 170,
            render: (_, r) => (
              <Flex vertical>
                <span>{quarterLabel(r.quarter)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${r.periodStart}—${r.periodEnd}`}</Typography.Text>
              </Flex>
            ),
          },
          { title: '主题', dataIndex: 'theme', width: 80, render: (v: string) => v || '—' },
          { title: '等次', dataIndex: 'grade', width: 80, render: gradeTag },
          { title: '分数', dataIndex: 'score', width: 60, render: (v: number | null) => v ?? '—' },
          { title: '个人小结', dataIndex: 'selfSummary', ellipsis: true, render: (v: string) => v || '—' },
          ...workflowColumns<QuarterlyReview>(),
        ]}
      />

      <RecordSection<MonthlyReport>
        title="月度工作汇报"
        addLabel="登记月度汇报"
        onAdd={add('monthly')}
        rows={page.monthly}
        emptyText="尚无月度工作汇报"
        expand={(r) => fullText(['工作汇报', r.content], ['挂职单位意见', r.hostComment])}
        columns={[
          { title: '月份', dataIndex: 'month', width: 90 },
          { title: '工作汇报', dataIndex: 'content', ellipsis: true },
          { title: '挂职单位意见', dataIndex: 'hostComment', width: 260, ellipsis: true, render: (v: string) => v || '—' },
          opsColumn<MonthlyReport>(),
        ]}
      />

      <RecordSection<Talk>
        title="谈心谈话"
        addLabel="登记谈话"
        onAdd={add('talk')}
        rows={page.talks}
        emptyText="尚无谈心谈话记录"
        expand={(r) => fullText(['谈话内容', r.content], ['后续跟进', r.followUp])}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '谈话人', dataIndex: 'talker', width: 200, ellipsis: true },
          { title: '谈话内容', dataIndex: 'content', ellipsis: true },
          { title: '后续跟进', dataIndex: 'followUp', width: 220, ellipsis: true, render: (v: string) => v || '—' },
          opsColumn<Talk>(),
        ]}
      />

      <RecordSection<Note>
        title="口碑评价/日常表现"
        addLabel="登记评价"
        onAdd={add('note')}
        rows={page.notes}
        emptyText="尚无口碑评价"
        expand={(r) => fullText(['评价内容', r.content])}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '来源', dataIndex: 'source', width: 200, ellipsis: true },
          { title: '评价内容', dataIndex: 'content', ellipsis: true },
          opsColumn<Note>(),
        ]}
      />

      <RecordFormModal target={form} page={page} onClose={() => setForm(null)} onSaved={() => (setForm(null), onChanged())} />
      <ReopenModal target={reopen} onClose={() => setReopen(null)} onDone={(r) => (setReopen(null), onChanged(), outcome([r]))} />
      <AnnualProposalModal proposal={proposal} onClose={() => setProposal(null)} onAccepted={() => (setProposal(null), onChanged())} />
      <RecordHistoryDrawer target={history} onClose={() => setHistory(null)} />
    </Flex>
  );
}

import { Descriptions, Table, Typography } from 'antd';
import type { TermAssessment } from '../../../shared/assessment';
import { VOTE_COLUMNS } from '../../../shared/democraticVote';
import { formatPercent } from '../../../shared/onPost';

const text = (v: string) => (v ? <div style={{ whiteSpace: 'pre-wrap' }}>{v}</div> : <Typography.Text type="secondary">—</Typography.Text>);

/** 期满考核 as recorded: the 民主测评 votes with the rates the service derived, the opinions and the final grade. */
export function TermAssessmentView({ term }: { term: TermAssessment }) {
  const row = { key: 1, ...term.votes, total: term.rates.total };
  return (
    <>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'date', label: '考核日期', children: term.assessmentDate || '—' },
          { key: 'grade', label: '最终等次', children: term.finalGrade ? <Typography.Text strong>{term.finalGrade}</Typography.Text> : <Typography.Text type="secondary">尚未评定</Typography.Text> },
        ]}
      />
      <Table
        size="small"
        bordered
        pagination={false}
        style={{ margin: '8px 0 12px', maxWidth: 820 }}
        dataSource={[row]}
        columns={[
          ...VOTE_COLUMNS.map((c) => ({ title: c.label, dataIndex: c.key, width: 80, align: 'center' as const })),
          { title: '有效票', dataIndex: 'total', width: 80, align: 'center' as const },
          { title: '优秀率', key: 'er', width: 90, align: 'center' as const, render: () => formatPercent(term.rates.excellentRate) },
          { title: '称职以上率', key: 'cr', width: 100, align: 'center' as const, render: () => formatPercent(term.rates.competentOrBetterRate) },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 160 } }}
        items={[
          { key: 's', label: '本人总结', children: text(term.selfSummary) },
          { key: 'h', label: '挂职单位鉴定意见', children: text(term.hostOpinion) },
          { key: 'd', label: '派出单位意见', children: text(term.dispatchOpinion) },
          { key: 'o', label: '组织部门意见', children: text(term.orgOpinion) },
        ]}
      />
    </>
  );
}

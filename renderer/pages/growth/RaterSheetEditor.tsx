import { ClearOutlined, InfoCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, InputNumber, Popconfirm, Progress, Row, Space, Table, Tooltip, Typography } from 'antd';
import { growthScoreRefusal, indicatorsOf, type GrowthIndicator, type GrowthRater, type GrowthResult, type GrowthStage, type GrowthTemplate } from '../../../shared/growth';
import { DayInput } from '../../components/DayInput';
import type { SheetDraft } from './evaluationDrafts';
import { formatScore, STAGE_COLORS } from './growthStyle';

type Row = GrowthIndicator & { stage: GrowthStage; first: boolean; span: number };

const RATER_HINTS: Record<GrowthRater, string> = {
  本人: '干部本人自评',
  挂职单位: '挂职单位（业务指导员、单位领导）评价',
  派出单位: '派出单位评价',
  组织部门: '组织部门评价',
};

/** Description and 评分说明 of an indicator. */
function IndicatorHelp({ i }: { i: GrowthIndicator }) {
  return (
    <div style={{ maxWidth: 420 }}>
      <div style={{ marginBottom: 6 }}>{i.indicatorDescription || '（无说明）'}</div>
      {i.guidance && (
        <div>
          <b>评分说明：</b>
          {i.guidance}
        </div>
      )}
    </div>
  );
}

/**
 * One rater's sheet: every indicator of the pinned template grouped by stage, a score 0–100 and an optional comment
 * each, then the overall comment, who filled it in and when. The 综合 column and the stage scores are the backend's
 * live result (all raters, weighted). Read-only unless the evaluation is a draft.
 */
export function RaterSheetEditor({
  template,
  rater,
  draft,
  result,
  editable,
  dirty,
  saving,
  onChange,
  onSave,
  onClear,
}: {
  template: GrowthTemplate;
  rater: GrowthRater;
  draft: SheetDraft;
  result: GrowthResult;
  editable: boolean;
  dirty: boolean;
  saving: boolean;
  onChange: (d: SheetDraft) => void;
  onSave: () => void;
  onClear: () => void;
}) {
  const rows: Row[] = [];
  for (const s of template.stages) s.indicators.forEach((x, j) => rows.push({ ...x, stage: s.stage, first: j === 0, span: j === 0 ? s.indicators.length : 0 }));
  const all = indicatorsOf(template);
  const done = all.filter((i) => typeof draft.scores[i.code] === 'number').length;
  const invalid = all.filter((i) => typeof draft.scores[i.code] === 'number' && growthScoreRefusal(draft.scores[i.code]!)).length;
  const stageScore = (stage: GrowthStage) => result.stageScores.find((s) => s.stage === stage);
  const setScore = (code: string, v: number | null) => onChange({ ...draft, scores: { ...draft.scores, [code]: v } });
  const setComment = (code: string, v: string) => onChange({ ...draft, comments: { ...draft.comments, [code]: v } });
  const empty = done === 0 && !Object.values(draft.comments).some(Boolean) && !draft.comment && !draft.ratedBy && !draft.ratedOn;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space size={12}>
          <Typography.Text type="secondary">{`${RATER_HINTS[rater]}，权重 ${formatScore(template.raterWeights[rater])}%。每项 0—100 分（最多两位小数），悬停指标名称查看评分说明。`}</Typography.Text>
        </Space>
        <Space size={8} align="center">
          <Typography.Text type="secondary">{`已评 ${done}/${all.length} 项`}</Typography.Text>
          <Progress percent={Math.round((done / all.length) * 100)} size={[120, 8]} showInfo={false} strokeColor={done === all.length ? '#52c41a' : '#faad14'} aria-label={`${rater}评分进度`} />
        </Space>
      </Flex>
      <Table<Row>
        rowKey="code"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: '阶段',
            key: 'stage',
            width: 118,
            onCell: (r) => ({ rowSpan: r.span, style: { verticalAlign: 'top', borderInlineStart: `4px solid ${STAGE_COLORS[r.stage]}` } }),
            render: (_, r) => {
              const s = stageScore(r.stage);
              const def = template.stages.find((x) => x.stage === r.stage)!;
              return (
                <Flex vertical gap={2}>
                  <Tooltip title={def.stageDescription}>
                    <Typography.Text strong style={{ color: STAGE_COLORS[r.stage], fontSize: 15 }}>
                      {r.stage}
                    </Typography.Text>
                  </Tooltip>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`权重 ${formatScore(def.weight)}`}</Typography.Text>
                  <Typography.Text style={{ fontSize: 12 }}>
                    阶段得分 <b style={{ color: s?.meetsThreshold ? STAGE_COLORS[r.stage] : '#8c8c8c' }}>{formatScore(s?.score)}</b>
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            title: '指标',
            key: 'name',
            width: 190,
            render: (_, r) => (
              <Tooltip title={<IndicatorHelp i={r} />} placement="right">
                <Flex vertical style={{ cursor: 'help' }}>
                  <span>
                    <Typography.Text type="secondary" style={{ marginRight: 6, fontSize: 12 }}>
                      {r.code}
                    </Typography.Text>
                    {r.indicatorName}
                    <InfoCircleOutlined style={{ color: '#bfbfbf', marginLeft: 6 }} />
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`权重 ${formatScore(r.weight)}`}</Typography.Text>
                </Flex>
              </Tooltip>
            ),
          },
          {
            title: `${rater}评分`,
            key: 'score',
            width: 150,
            render: (_, r) => {
              if (!editable)
                return (
                  <Typography.Text strong style={{ fontSize: 15 }}>
                    {formatScore(draft.scores[r.code])}
                  </Typography.Text>
                );
              // Typed as it is, never clamped: a score outside 0—100 is refused here, with the range.
              const score = draft.scores[r.code];
              const refusal = typeof score === 'number' ? growthScoreRefusal(score) : null;
              return (
                <Flex vertical gap={2}>
                  <InputNumber
                    aria-label={`${rater}评分：${r.indicatorName}`}
                    step={1}
                    value={score ?? null}
                    onChange={(v) => setScore(r.code, typeof v === 'number' ? v : null)}
                    placeholder="0—100"
                    style={{ width: '100%' }}
                    status={refusal ? 'error' : score == null && done > 0 ? 'warning' : undefined}
                    aria-invalid={!!refusal}
                  />
                  {refusal && (
                    <Typography.Text type="danger" style={{ fontSize: 12, lineHeight: 1.4 }} role="alert" data-testid={`score-error-${r.code}`}>
                      {refusal}
                    </Typography.Text>
                  )}
                </Flex>
              );
            },
          },
          {
            title: '评分意见（选填）',
            key: 'comment',
            render: (_, r) =>
              editable ? (
                <Input aria-label={`${rater}意见：${r.indicatorName}`} value={draft.comments[r.code] ?? ''} maxLength={500} onChange={(e) => setComment(r.code, e.target.value)} placeholder="可写明打分依据" />
              ) : (
                <Typography.Text type={draft.comments[r.code] ? undefined : 'secondary'}>{draft.comments[r.code] || '—'}</Typography.Text>
              ),
          },
          {
            title: (
              <Tooltip title="各评价主体按权重合计后的指标得分（实时）">
                综合 <InfoCircleOutlined style={{ color: '#bfbfbf' }} />
              </Tooltip>
            ),
            key: 'combined',
            width: 76,
            align: 'right',
            render: (_, r) => <Typography.Text type="secondary">{formatScore(result.indicatorScores[r.code])}</Typography.Text>,
          },
        ]}
      />
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Form.Item label="总体意见" style={{ marginBottom: 8 }}>
              {editable ? (
                <Input.TextArea aria-label={`${rater}总体意见`} rows={3} maxLength={2000} showCount value={draft.comment} onChange={(e) => onChange({ ...draft, comment: e.target.value })} />
              ) : (
                <div style={{ whiteSpace: 'pre-wrap' }}>{draft.comment || <Typography.Text type="secondary">—</Typography.Text>}</div>
              )}
            </Form.Item>
          </Col>
          <Col xs={12} lg={5}>
            <Form.Item label="评价人" style={{ marginBottom: 8 }}>
              {editable ? <Input aria-label={`${rater}评价人`} maxLength={30} value={draft.ratedBy} onChange={(e) => onChange({ ...draft, ratedBy: e.target.value })} placeholder="填表人或单位" /> : draft.ratedBy || '—'}
            </Form.Item>
          </Col>
          <Col xs={12} lg={5}>
            <Form.Item label="评价日期" style={{ marginBottom: 8 }}>
              {editable ? <DayInput aria-label={`${rater}评价日期`} value={draft.ratedOn} onChange={(v) => onChange({ ...draft, ratedOn: v })} /> : draft.ratedOn || '—'}
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {editable && (
        <Flex justify="space-between" align="center">
          <Popconfirm title={`清空${rater}的评分？`} description="该评价主体将视为缺评。" okText="清空" cancelText="取消" onConfirm={onClear} disabled={empty && !dirty}>
            <Button icon={<ClearOutlined />} disabled={empty && !dirty}>
              清空{rater}评分
            </Button>
          </Popconfirm>
          <Space>
            {invalid > 0 && <Typography.Text type="danger">{`有 ${invalid} 项评分超出 0—100 分，请改正后保存`}</Typography.Text>}
            {dirty && !invalid && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={onSave}>
              {`保存${rater}评分`}
            </Button>
          </Space>
        </Flex>
      )}
    </Flex>
  );
}

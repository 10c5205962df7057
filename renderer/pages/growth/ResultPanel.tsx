import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { RATER_STATUS_LABELS, type GrowthResult, type RaterStatus } from '../../../shared/growth';
import { formatScore, LEVEL_COLORS } from './growthStyle';
import { StageSteps } from './StageSteps';

const STATUS_COLORS: Record<RaterStatus, string> = { complete: 'success', incomplete: 'warning', missing: 'default' };

/**
 * 评价结果: the stage reached (large), the total, the four stage scores against the threshold as steps, who scored
 * with which applied weight, and the partial warning. `preview` when it includes scores not yet saved.
 */
export function ResultPanel({ result, preview, busy, editable }: { result: GrowthResult; preview: boolean; busy: boolean; editable: boolean }) {
  const color = result.scored ? LEVEL_COLORS[result.reachedLevel] : '#bfbfbf';
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <span>评价结果</span>
          {preview && (
            <Tooltip title="按当前填写（含尚未保存）的评分实时计算；保存后生效">
              <Tag color="processing" icon={busy ? <LoadingOutlined /> : undefined}>
                实时预览 · 含未保存的评分
              </Tag>
            </Tooltip>
          )}
        </Space>
      }
      extra={<Typography.Text type="secondary">{`达标线 ${formatScore(result.threshold)} 分：阶段得分达到达标线且此前各阶段均达标，视为达到该阶段`}</Typography.Text>}
      data-testid="growth-result"
    >
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} lg={5}>
          <Flex vertical align="center" gap={2} style={{ padding: '8px 0', borderRadius: 8, background: `${color}12`, border: `1px solid ${color}40` }}>
            <Typography.Text type="secondary">达到阶段</Typography.Text>
            <span data-testid="reached-label" style={{ fontSize: result.reachedLabel.length > 3 ? 22 : 30, fontWeight: 700, color, letterSpacing: 2, lineHeight: 1.3 }}>
              {result.reachedLabel}
            </span>
            <Typography.Text type="secondary">
              总分{' '}
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="result-total">
                {formatScore(result.total)}
              </Typography.Text>
            </Typography.Text>
          </Flex>
        </Col>
        <Col xs={24} lg={13}>
          <StageSteps result={result} />
        </Col>
        <Col xs={24} lg={6}>
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">评价主体（权重 → 实际采用）</Typography.Text>
            {result.raters.map((r) => (
              <Flex key={r.rater} justify="space-between" align="center" gap={8}>
                <Space size={6}>
                  <span style={{ width: 56, display: 'inline-block' }}>{r.rater}</span>
                  <Tooltip title={r.status === 'incomplete' ? `还差 ${r.missingIndicators.length} 项指标未评分，暂不计入结果` : undefined}>
                    <Tag color={STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>
                      {RATER_STATUS_LABELS[r.status]}
                    </Tag>
                  </Tooltip>
                </Space>
                <Typography.Text type={r.appliedWeight ? undefined : 'secondary'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {`${formatScore(r.weight)}% → ${formatScore(r.appliedWeight)}%`}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </Col>
      </Row>
      {result.partial && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="partial-warning"
          title={`部分评价：缺少${result.missingRaters.join('、')}的评分`}
          description={`结果按已评主体（${result.presentRaters.join('、')}）的权重重新分配计算。${editable ? '缺评的主体补齐评分后，结果将自动更新。' : ''}`}
        />
      )}
      {!result.scored && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title="尚无完整评分"
          description="至少一个评价主体对全部指标打分后，才会计算阶段得分、总分和达到的阶段。"
        />
      )}
    </Card>
  );
}

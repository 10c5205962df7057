import { Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { TERM_GRADES } from '../../../shared/codes/assessment';
import { VOTE_COLUMNS, VoteCountsSchema, voteRates } from '../../../shared/democraticVote';
import { formatPercent } from '../../../shared/onPost';
import { DayInput } from '../../components/DayInput';
import type { FieldRules } from './recordKinds';

/** 期满考核: the date, the 民主测评 votes (rates previewed as typed), the four opinions and the final grade. */
export function TermAssessmentFields({ rules }: { rules: FieldRules }) {
  const votes = Form.useWatch('votes');
  const parsed = VoteCountsSchema.safeParse(Object.fromEntries(Object.entries(votes ?? {}).map(([k, v]) => [k, v ?? 0])));
  const rates = parsed.success ? voteRates(parsed.data) : null;
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="考核日期" name="assessmentDate" rules={rules('assessmentDate')}>
            <DayInput aria-label="考核日期" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="最终等次" name="finalGrade" rules={rules('finalGrade')}>
            <Select allowClear placeholder="尚未评定" options={TERM_GRADES.map((g) => ({ value: g, label: g }))} aria-label="最终等次" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>民主测评（票）</Typography.Text>
      <Row gutter={8} wrap={false} style={{ marginTop: 8 }}>
        {VOTE_COLUMNS.map((c) => (
          <Col key={c.key} flex={1}>
            <Form.Item label={c.label} name={['votes', c.key]} rules={rules(['votes', c.key])}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} aria-label={`${c.label}票数`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Space size={24} style={{ marginBottom: 16 }}>
        <span>有效票：{rates?.total ?? '—'}</span>
        <span>优秀率：{formatPercent(rates?.excellentRate ?? null)}</span>
        <span>称职以上率：{formatPercent(rates?.competentOrBetterRate ?? null)}</span>
        <Typography.Text type="secondary">（有效票含弃权票）</Typography.Text>
      </Space>
      <Form.Item label="本人总结" name="selfSummary" rules={rules('selfSummary')}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item label="挂职单位鉴定意见" name="hostOpinion" rules={rules('hostOpinion')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="派出单位意见" name="dispatchOpinion" rules={rules('dispatchOpinion')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="组织部门意见" name="orgOpinion" rules={rules('orgOpinion')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { quarterLabel, quarterSpan, quartersBegun, type PostingRecords } from '../../../shared/assessment';
import { QUARTER_GRADES } from '../../../shared/codes/assessment';
import { effectiveEnd } from '../../../shared/posting';
import { dayOf } from '../../../shared/validators/yearMonth';
import type { FieldRules } from './recordKinds';

/** 季度小结/考核: the posting's quarter (counted from its start), the batch's theme, the summary and the grade. */
export function QuarterlyReviewFields({ rules, page }: { rules: FieldRules; page: PostingRecords }) {
  const p = page.posting;
  const quarter = Form.useWatch('quarter') as number | undefined;
  const count = Math.max(1, quartersBegun(p.startDate, effectiveEnd(p)));
  const today = dayOf(new Date());
  const options = Array.from({ length: count }, (_, i) => {
    const span = quarterSpan(p.startDate, i + 1);
    // A quarter not yet begun cannot be reviewed (shared/termRules.ts).
    const future = span.startDate > today;
    return { value: i + 1, label: `${quarterLabel(i + 1)}（${span.startDate}—${span.endDate}）${future ? '（尚未开始）' : ''}`, disabled: future };
  });
  const batchTheme = quarter ? page.themes[quarter - 1]?.theme : undefined;
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="季度" name="quarter" rules={rules('quarter', true)} validateFirst tooltip="从挂职开始之日起每三个月为一个季度">
            <Select options={options} aria-label="季度" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="季度主题" name="theme" rules={rules('theme')} tooltip="留空时使用批次的“一季一主题”">
            <Input placeholder={batchTheme ? `批次主题：${batchTheme}` : '如 融入、务实、见效、赓续'} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="个人小结" name="selfSummary" rules={rules('selfSummary')}>
        <Input.TextArea rows={5} maxLength={5000} showCount aria-label="个人小结" />
      </Form.Item>
      <Form.Item label="挂职单位评价" name="hostEvaluation" rules={rules('hostEvaluation')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="等次" name="grade" rules={rules('grade')}>
            <Select allowClear placeholder="尚未评定" options={QUARTER_GRADES.map((g) => ({ value: g, label: g }))} aria-label="等次" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="分数" name="score" rules={rules('score')}>
            <InputNumber step={1} suffix="分" style={{ width: '100%' }} placeholder="百分制，可不填" aria-label="分数" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

import { Col, Form, Input, Radio, Row, Select } from 'antd';
import type { PostingRecords } from '../../../shared/assessment';
import { ANNUAL_GRADES } from '../../../shared/codes/assessment';
import { postingYears, type FieldRules } from './recordKinds';

/** 年度考核: the year (within the posting), the grade (不确定等次 needs a reason) and the comments. */
export function AnnualAssessmentFields({ rules, page }: { rules: FieldRules; page: PostingRecords }) {
  const grade = Form.useWatch('grade') as string | undefined;
  const years = postingYears(page.posting);
  // A year not yet begun cannot be assessed (shared/termRules.ts).
  const thisYear = new Date().getFullYear();
  return (
    <>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item label="年度" name="year" rules={rules('year', true)} validateFirst>
            <Select aria-label="年度" options={years.map((y) => ({ value: y, label: `${y}年${y > thisYear ? '（尚未开始）' : ''}`, disabled: y > thisYear }))} />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item label="考核等次" name="grade" rules={rules('grade', true)} validateFirst>
            <Radio.Group optionType="button" buttonStyle="solid" options={ANNUAL_GRADES.map((g) => ({ value: g, label: g }))} aria-label="考核等次" />
          </Form.Item>
        </Col>
      </Row>
      {grade === '不确定等次' && (
        <Form.Item label="不确定等次的原因" name="gradeReason" rules={rules('gradeReason', true)} validateFirst>
          <Input.TextArea rows={2} maxLength={500} aria-label="不确定等次的原因" placeholder="如：挂职时间不足半年" />
        </Form.Item>
      )}
      <Form.Item label="考核评语" name="comments" rules={rules('comments')}>
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder="挂职单位对本年度工作的评价" />
      </Form.Item>
    </>
  );
}

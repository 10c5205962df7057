import { Form, Input } from 'antd';
import { YearMonthInput } from '../../components/YearMonthInput';
import type { FieldRules } from './recordKinds';

/** 月度工作汇报: the month, what was done, and the host unit's comment. */
export function MonthlyReportFields({ rules }: { rules: FieldRules }) {
  return (
    <>
      <Form.Item label="月份" name="month" rules={rules('month', true)} validateFirst>
        <YearMonthInput aria-label="月份" style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item label="工作汇报" name="content" rules={rules('content', true)} validateFirst>
        <Input.TextArea rows={8} maxLength={5000} showCount aria-label="工作汇报" placeholder="本月主要工作、成效和下月打算" />
      </Form.Item>
      <Form.Item label="挂职单位意见" name="hostComment" rules={rules('hostComment')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}

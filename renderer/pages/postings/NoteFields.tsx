import { Col, Form, Input, Row } from 'antd';
import { DayInput } from '../../components/DayInput';
import type { FieldRules } from './recordKinds';

/** 口碑评价/日常表现: what someone said about the cadre, and who. */
export function NoteFields({ rules }: { rules: FieldRules }) {
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="日期" name="date" rules={rules('date', true)} validateFirst>
            <DayInput aria-label="日期" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label="来源" name="source" rules={rules('source', true)} validateFirst>
            <Input aria-label="来源" placeholder="如 双河村村民、挂职单位同事" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="评价内容" name="content" rules={rules('content', true)} validateFirst>
        <Input.TextArea rows={4} maxLength={1000} showCount aria-label="评价内容" />
      </Form.Item>
    </>
  );
}

import { Col, Form, Input, Row } from 'antd';
import { DayInput } from '../../components/DayInput';
import type { FieldRules } from './recordKinds';

/** 谈心谈话: when, who talked with the cadre, what was said and what follows. */
export function TalkFields({ rules }: { rules: FieldRules }) {
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="谈话日期" name="date" rules={rules('date', true)} validateFirst>
            <DayInput aria-label="谈话日期" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label="谈话人" name="talker" rules={rules('talker', true)} validateFirst>
            <Input aria-label="谈话人" placeholder="姓名及身份，如 周立群（政治辅导员）" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="谈话内容" name="content" rules={rules('content', true)} validateFirst>
        <Input.TextArea rows={6} maxLength={3000} showCount aria-label="谈话内容" />
      </Form.Item>
      <Form.Item label="后续跟进" name="followUp" rules={rules('followUp')}>
        <Input.TextArea rows={2} maxLength={1000} placeholder="需要协调解决的事项及落实情况" />
      </Form.Item>
    </>
  );
}

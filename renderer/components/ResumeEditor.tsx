import { DeleteOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import type { Rule } from 'antd/es/form';
import { formatResume, parseResume } from '../../shared/resume';
import { useDialogKeys } from '../lib/keyboard';
import { useUnsavedChanges } from '../lib/unsavedChanges';
import { YearMonthInput } from './YearMonthInput';

type RulesFor = (name: (string | number)[], required?: boolean) => Rule[];

/** 简历 as a list of entries, convertible to and from the standard text (`2003.09--2007.07  XX大学学习`). */
export function ResumeEditor({ form, rules }: { form: FormInstance; rules: RulesFor }) {
  const { message } = App.useApp();
  const [textOpen, setTextOpen] = useState(false);
  const [text, setText] = useState('');
  const [openedWith, setOpenedWith] = useState('');
  const parsed = parseResume(text);
  // Text typed or pasted here and not yet applied is asked about before the dialog closes (Esc, 取消, ×).
  const unsaved = useUnsavedChanges(textOpen && text !== openedWith);
  const apply = () => {
    if (parsed.problems.length) return;
    form.setFieldValue('resume', parsed.entries);
    unsaved.release();
    setTextOpen(false);
    message.success(`已读入 ${parsed.entries.length} 条简历`);
  };
  // Opens with the cursor in the text; Ctrl+Enter applies it (Enter is a new line).
  const keys = useDialogKeys({ onSave: apply, enterSaves: false });

  return (
    <>
      <Form.List name="resume">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={4}>
            {fields.length === 0 && <Typography.Text type="secondary">尚无简历条目。可逐条添加，或“从文本导入”粘贴标准格式的简历。</Typography.Text>}
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start">
                <Typography.Text style={{ width: 24, paddingTop: 5 }} type="secondary">
                  {index + 1}
                </Typography.Text>
                <Form.Item name={[field.name, 'start']} rules={rules(['resume', field.name, 'start'])} style={{ marginBottom: 8 }}>
                  <YearMonthInput placeholder="起 如2003.09" style={{ width: 120 }} aria-label={`简历第${index + 1}条起始年月`} />
                </Form.Item>
                <span style={{ paddingTop: 5 }}>—</span>
                <Form.Item name={[field.name, 'end']} rules={rules(['resume', field.name, 'end'])} style={{ marginBottom: 8 }} normalize={(v) => (v === '' ? null : v)}>
                  <YearMonthInput placeholder="止（空为至今）" style={{ width: 130 }} aria-label={`简历第${index + 1}条截止年月`} />
                </Form.Item>
                <Form.Item name={[field.name, 'text']} rules={rules(['resume', field.name, 'text'], true)} style={{ flex: 1, marginBottom: 8 }}>
                  <Input placeholder="单位及职务，或学校及专业" aria-label={`简历第${index + 1}条内容`} />
                </Form.Item>
                <Form.Item name={[field.name, 'concurrent']} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>其间</Checkbox>
                </Form.Item>
                <Button size="small" style={{ marginTop: 4 }} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label="上移">
                  ↑
                </Button>
                <Button size="small" style={{ marginTop: 4 }} icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除简历第${index + 1}条`} />
              </Flex>
            ))}
            <Flex gap={8}>
              <Button icon={<PlusOutlined />} onClick={() => add({ start: '', end: null, text: '', concurrent: false })}>
                添加一条
              </Button>
              <Button
                icon={<FileTextOutlined />}
                onClick={() => {
                  const current = formatResume(form.getFieldValue('resume') ?? []);
                  setText(current);
                  setOpenedWith(current);
                  setTextOpen(true);
                }}
              >
                从文本导入 / 查看标准文本
              </Button>
            </Flex>
          </Flex>
        )}
      </Form.List>
      <Modal
        title="简历标准文本"
        open={textOpen}
        width={760}
        okText="用此文本替换简历条目"
        cancelText="取消"
        okButtonProps={{ disabled: parsed.problems.length > 0 }}
        onCancel={() => unsaved.confirmLeave(() => setTextOpen(false))}
        onOk={apply}
        afterOpenChange={keys.afterOpenChange}
      >
        <div {...keys.bodyProps}>
        <Typography.Paragraph type="secondary">
          每行一条，格式如“2003.09--2007.07  XX大学XX专业学习”；至今的条目截止年月留空；其间学习写作“（其间：2005.09--2008.07  XX大学在职研究生学习）”；不以年月开头的行接续上一条。
        </Typography.Paragraph>
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={12} className="resume-text" aria-label="简历文本" />
        {parsed.problems.length > 0 && <Alert style={{ marginTop: 8 }} type="error" showIcon message={parsed.problems.map((p) => p.message).join('；')} />}
        {parsed.problems.length === 0 && text.trim() && <Typography.Text type="secondary">识别出 {parsed.entries.length} 条（Ctrl+Enter 替换）</Typography.Text>}
        </div>
      </Modal>
    </>
  );
}

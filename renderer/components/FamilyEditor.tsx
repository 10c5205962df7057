import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Form, Input, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { FAMILY_RELATIONS, POLITICAL_STATUSES } from '../../shared/codes';
import { ageAt, yearMonthOf } from '../../shared/validators/yearMonth';
import { YearMonthInput } from './YearMonthInput';

type RulesFor = (name: (string | number)[], required?: boolean) => Rule[];

/** 家庭主要成员及重要社会关系: 称谓, 姓名, 出生年月 (age shown), 政治面貌, 工作单位及职务. */
export function FamilyEditor({ rules }: { rules: RulesFor }) {
  const today = yearMonthOf(new Date());
  return (
    <Form.List name="family">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          {fields.length === 0 && <Typography.Text type="secondary">尚无家庭成员。</Typography.Text>}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item name={[field.name, 'relation']} rules={rules(['family', field.name, 'relation'], true)} style={{ marginBottom: 8 }}>
                <AutoComplete options={FAMILY_RELATIONS.map((r) => ({ value: r }))} placeholder="称谓" style={{ width: 90 }} aria-label={`家庭成员第${index + 1}人称谓`} />
              </Form.Item>
              <Form.Item name={[field.name, 'name']} rules={rules(['family', field.name, 'name'], true)} style={{ marginBottom: 8 }}>
                <Input placeholder="姓名" style={{ width: 100 }} aria-label={`家庭成员第${index + 1}人姓名`} />
              </Form.Item>
              <Form.Item name={[field.name, 'birthDate']} rules={rules(['family', field.name, 'birthDate'])} style={{ marginBottom: 8 }}>
                <YearMonthInput placeholder="出生年月" style={{ width: 110 }} aria-label={`家庭成员第${index + 1}人出生年月`} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const birth = getFieldValue(['family', field.name, 'birthDate']);
                  const age = birth ? ageAt(birth, today) : null;
                  return <Typography.Text style={{ width: 48, paddingTop: 5 }}>{age != null && age >= 0 ? `${age}岁` : ''}</Typography.Text>;
                }}
              </Form.Item>
              <Form.Item name={[field.name, 'politicalStatus']} style={{ marginBottom: 8 }}>
                <AutoComplete options={POLITICAL_STATUSES.map((r) => ({ value: r }))} placeholder="政治面貌" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'workUnitAndPost']} rules={rules(['family', field.name, 'workUnitAndPost'])} style={{ flex: 1, marginBottom: 8 }}>
                <Input placeholder="工作单位及职务" />
              </Form.Item>
              <Button size="small" style={{ marginTop: 4 }} icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除家庭成员第${index + 1}人`} />
            </Flex>
          ))}
          <div>
            <Button icon={<PlusOutlined />} onClick={() => add({ relation: '', name: '', birthDate: '', politicalStatus: '', workUnitAndPost: '' })}>
              添加成员
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

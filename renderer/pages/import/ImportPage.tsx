import { Card, Flex, Tabs } from 'antd';
import { LrmxImport } from './LrmxImport';
import { RosterImport } from './RosterImport';

/** 导入: 任免审批表（.lrmx）files and Excel 花名册, each previewed before anything is written. */
export function ImportPage() {
  return (
    <Flex vertical gap={16}>
      <h1 className="page-title">导入</h1>
      <Card>
        <Tabs
          items={[
            { key: 'lrmx', label: '任免审批表（.lrmx）', children: <LrmxImport /> },
            { key: 'roster', label: '花名册（Excel）', children: <RosterImport /> },
          ]}
        />
      </Card>
    </Flex>
  );
}

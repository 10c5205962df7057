import { Card, Flex, Result, Tabs } from 'antd';
import { useSession } from '../../auth/session';
import { LrmxImport } from './LrmxImport';
import { RosterImport } from './RosterImport';

/** 导入: 任免审批表（.lrmx）files and Excel 花名册, each previewed before anything is written. */
export function ImportPage() {
  const { canCall, refusalOf } = useSession();
  // The menu leaves 导入 out for a role without it; reached by its address, the page says who may.
  if (!canCall('lrmx:import') && !canCall('roster:import'))
    return <Result status="403" title="没有导入权限" subTitle={`导入任免审批表和花名册${refusalOf('lrmx:import')}`} />;
  return (
    <Flex vertical gap={16}>
      <h1 className="page-title">导入</h1>
      <Card>
        <Tabs
          items={[
            ...(canCall('lrmx:import') ? [{ key: 'lrmx', label: '任免审批表（.lrmx）', children: <LrmxImport /> }] : []),
            ...(canCall('roster:import') ? [{ key: 'roster', label: '花名册（Excel）', children: <RosterImport /> }] : []),
          ]}
        />
      </Card>
    </Flex>
  );
}

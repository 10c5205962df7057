import { Alert, App, Button, Card, Flex, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { CadreListItem } from '../../../shared/cadre';
import { formatDateTime } from '../../../shared/dateText';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Allowed } from '../../auth/Allowed';
import { useSession } from '../../auth/session';

/** 回收站: deleted files wait here; restore, or delete for good (confirmed). */
export function RecycleBinPage() {
  const { message } = App.useApp();
  const { canCall, refusalOf } = useSession();
  // 恢复 and 彻底删除 need different permissions (编辑 / 彻底删除): a role with one sees the other disabled, saying who may.
  const mayRestore = canCall('cadre:restore');
  const mayPurge = canCall('cadre:purge');
  const [page, setPage] = useState(1);
  // The latest deleted first: what was just removed by mistake is at the top.
  const list = useApi('cadre:list', { deleted: true, page, pageSize: 20, sort: 'deletedAt', order: 'desc' });

  const act = async (what: 'restore' | 'purge', c: CadreListItem) => {
    try {
      if (what === 'restore') await api('cadre:restore', { id: c.id });
      else await api('cadre:purge', { id: c.id });
      message.success(what === 'restore' ? `已恢复“${c.name}”的档案` : `已彻底删除“${c.name}”的档案`);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      <h1 className="page-title">回收站</h1>
      <Typography.Text type="secondary">删除的档案保存在这里，可以恢复；彻底删除后无法找回。</Typography.Text>
      {!mayRestore && !mayPurge && <Alert type="info" showIcon title="只能查看" description={`恢复档案${refusalOf('cadre:restore')}；彻底删除${refusalOf('cadre:purge')}。`} />}
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Card>
        <Table<CadreListItem>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '回收站是空的' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 份` }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '身份证号', dataIndex: 'idNumber', width: 190 },
            { title: '工作单位', dataIndex: 'workUnit', ellipsis: true },
            { title: '删除时间', dataIndex: 'deletedAt', width: 150, render: (v: string) => formatDateTime(v) },
            ...(mayRestore || mayPurge
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 200,
                    render: (_: unknown, c: CadreListItem) => (
                      <Space>
                        <Allowed channel="cadre:restore" showDisabled>
                          <Button size="small" onClick={() => act('restore', c)}>
                            恢复
                          </Button>
                        </Allowed>
                        <Allowed channel="cadre:purge" showDisabled>
                          <Popconfirm title={`彻底删除“${c.name}”的档案？`} description="此操作不可撤销：档案、照片、挂职记录及其未归档的考核、请销假、工作实绩和成长评价将永久删除。有已归档记录的档案不能彻底删除（已归档的记录须永久保存）。" okText="彻底删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => act('purge', c)}>
                            <Button size="small" danger>
                              彻底删除
                            </Button>
                          </Popconfirm>
                        </Allowed>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}

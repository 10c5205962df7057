import { CheckCircleFilled, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/useApi';
import { ChangePasswordCard } from './ChangePasswordCard';
import { EnableEncryptionCard, type EnableResult } from './EnableEncryptionCard';

/**
 * 系统 → 数据加密: turn encryption at rest on (the database, the evidence files and every backup, with the
 * department's password), and change the password once it is on.
 */
export function EncryptionPage() {
  const status = useApi('security:status', {});
  const [enabled, setEnabled] = useState<EnableResult | null>(null);
  const top = useRef<HTMLDivElement>(null);

  // The form was at the bottom of the page: bring the result (and the new state) into view.
  useEffect(() => {
    if (enabled) top.current?.scrollIntoView({ block: 'start' });
  }, [enabled]);

  const onEnabled = (r: EnableResult) => {
    setEnabled(r);
    status.reload();
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <div ref={top}>
        <h1 className="page-title" style={{ marginBottom: 4 }}>
          数据加密
        </h1>
        <Typography.Text type="secondary">用密码加密本机上的干部数据：即使数据文件夹被拷走，没有密码也无法读取其中的身份证号、考核记录等信息。</Typography.Text>
      </div>

      {enabled && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setEnabled(null) }}
          title="已启用数据加密"
          description={
            <>
              <div>
                加密前已自动备份为“{enabled.safetyBackup.fileName}”（该备份同样已加密）；
                {enabled.encryptedBackups > 0 ? `此前的 ${enabled.encryptedBackups} 个备份也已改为加密保存。` : '此前没有其他备份需要加密。'}
              </div>
              <div>今后每次启动本系统，都需要输入数据库密码。</div>
            </>
          }
        />
      )}

      {status.loading && !status.data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : status.error && !status.data ? (
        <Alert
          type="error"
          showIcon
          title={`读取加密状态失败：${status.error}`}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={status.reload}>
              重试
            </Button>
          }
        />
      ) : status.data?.encrypted ? (
        <>
          <Card title="当前状态">
            <Flex gap={12} align="center" wrap>
              <Tag color="success" icon={<CheckCircleFilled />} style={{ fontSize: 14, padding: '2px 10px', margin: 0 }}>
                已加密
              </Tag>
              <Typography.Text>数据库、佐证材料和备份文件均已用密码加密；每次启动本系统需输入数据库密码。</Typography.Text>
            </Flex>
          </Card>
          <ChangePasswordCard />
        </>
      ) : (
        <>
          <Card title="当前状态">
            <Flex vertical gap={8}>
              <Flex gap={12} align="center" wrap>
                <Tag icon={<UnlockOutlined />} color="default" style={{ fontSize: 14, padding: '2px 10px', margin: 0 }}>
                  未加密
                </Tag>
                <Typography.Text>数据以普通文件保存在本机，能打开数据文件夹的人即可读取。</Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0 }}>
                启用加密后，数据库、佐证材料和所有备份文件都将用密码加密；拷走数据文件夹的人无法读取身份证号等信息。
                启用时会先做一份（加密的）备份，再把此前的备份全部改为加密保存。此后每次启动本系统都要输入密码，使用方式与现在相同。
              </Typography.Paragraph>
            </Flex>
          </Card>
          <EnableEncryptionCard onEnabled={onEnabled} />
        </>
      )}
    </Flex>
  );
}

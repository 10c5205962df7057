import { CloudUploadOutlined, FolderOpenOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { BackupInfo } from '../../../shared/backup';
import type { JobProgress } from '../../../shared/jobProgress';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { backupSortKey } from './backupFormat';
import { BackupSettingsCard } from './BackupSettingsCard';
import { BackupTable } from './BackupTable';
import { JobProgressBar } from './JobProgressBar';
import { RestoreFromPathCard } from './RestoreFromPathCard';
import { RestoreModal, type RestoreResult } from './RestoreModal';

/** 系统 → 数据备份: back up now, the backups in the folder, restore (after a side-by-side check), and the settings. */
export function BackupPage() {
  const { message } = App.useApp();
  const list = useApi('backup:list', {});
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [backupError, setBackupError] = useState<string>();
  const [missing, setMissing] = useState<{ fileName: string; files: string[] } | null>(null);
  const [restoreFile, setRestoreFile] = useState<string | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const [settingsKey, setSettingsKey] = useState(0);

  // Newest first, whatever order the names sort in (two backups of the same minute).
  const items = useMemo(() => [...(list.data?.items ?? [])].sort((a, b) => (backupSortKey(a) < backupSortKey(b) ? 1 : -1)), [list.data]);

  const backupNow = async () => {
    setBackingUp(true);
    setBackupError(undefined);
    setMissing(null);
    setProgress({ stage: '准备备份', done: 0, total: 3 });
    try {
      const made = await api('backup:now', {}, { onProgress: setProgress });
      message.success(`备份完成：${made.fileName}`);
      if (made.missingEvidence?.length) {
        setMissing({ fileName: made.fileName, files: made.missingEvidence });
        message.warning(`有 ${made.missingEvidence.length} 个佐证材料文件在磁盘上找不到，未放入备份`);
      }
      list.reload();
    } catch (e) {
      setBackupError(errorMessage(e));
    } finally {
      setBackingUp(false);
      setProgress(null);
    }
  };

  const onRestored = (r: RestoreResult) => {
    setRestoreFile(null);
    setRestored(r);
    message.success(`已从备份恢复：${r.restored.fileName}`);
    list.reload();
    // The settings are part of the data that was restored.
    setSettingsKey((k) => k + 1);
  };

  const backupButton = (
    <Button type="primary" icon={<CloudUploadOutlined />} loading={backingUp} onClick={backupNow}>
      立即备份
    </Button>
  );

  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="page-title" style={{ marginBottom: 4 }}>
          数据备份
        </h1>
        <Typography.Text type="secondary">备份包含全部干部档案、考核记录、成长评价、佐证材料和归档账本，可以在这里恢复到任何一份备份时的状态。</Typography.Text>
      </div>

      {restored && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRestored(null) }}
          title={`已从备份“${restored.restored.fileName}”恢复全部数据`}
          description={`恢复前的数据已自动备份为“${restored.safetyBackup.fileName}”（类型：恢复前），如需要可再从它恢复回来。`}
        />
      )}

      <Card
        title="备份列表"
        extra={
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} onClick={list.reload} disabled={list.loading}>
              刷新
            </Button>
            {backupButton}
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          <Flex gap={6} align="baseline" wrap>
            <FolderOpenOutlined />
            <Typography.Text type="secondary">备份文件夹：</Typography.Text>
            {list.data ? (
              <Typography.Text copyable={{ tooltips: ['复制路径', '已复制'] }} code>
                {list.data.folder}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{list.loading ? '读取中…' : '—'}</Typography.Text>
            )}
            {list.data && <Typography.Text type="secondary">（共 {items.length} 份）</Typography.Text>}
          </Flex>
          {progress && <JobProgressBar progress={progress} />}
          {backupError && <Alert type="error" showIcon title="备份未完成" description={backupError} closable={{ onClose: () => setBackupError(undefined) }} />}
          {missing && (
            <Alert
              type="warning"
              showIcon
              closable={{ onClose: () => setMissing(null) }}
              title={`备份“${missing.fileName}”已完成，但有 ${missing.files.length} 个佐证材料文件在磁盘上找不到，未放入备份`}
              description={
                <>
                  {missing.files.slice(0, 5).map((f) => (
                    <div key={f}>{f}</div>
                  ))}
                  {missing.files.length > 5 && <div>……等 {missing.files.length} 个</div>}
                </>
              }
            />
          )}
          {list.error && <Alert type="error" showIcon title={`读取备份列表失败：${list.error}`} action={<Button size="small" onClick={list.reload}>重试</Button>} />}
          <BackupTable
            items={items}
            loading={list.loading}
            onRestore={(b: BackupInfo) => setRestoreFile(b.file)}
            empty={
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? '备份列表未能读取' : '还没有备份'}>
                {!list.error && backupButton}
              </Empty>
            }
          />
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <RestoreFromPathCard onPreview={setRestoreFile} />
        </Col>
        <Col xs={24} xl={14}>
          <BackupSettingsCard defaultFolder={list.data?.defaultFolder} reloadKey={settingsKey} onFolderSaved={list.reload} />
        </Col>
      </Row>

      <RestoreModal file={restoreFile} onClose={() => setRestoreFile(null)} onRestored={onRestored} />
    </Flex>
  );
}

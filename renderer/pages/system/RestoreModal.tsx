import { Alert, Button, Checkbox, Descriptions, Flex, Input, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BackupInfo, RestorePreview } from '../../../shared/backup';
import type { JobProgress } from '../../../shared/jobProgress';
import { api, errorMessage } from '../../api/client';
import { backupTime, compareCounts, ledgerEntries, REASON_COLORS, type CountRow } from './backupFormat';
import { JobProgressBar } from './JobProgressBar';
import './system.css';

export interface RestoreResult {
  restored: BackupInfo;
  safetyBackup: BackupInfo;
}

/**
 * 恢复备份: what the backup holds next to the current database, a tick to confirm, then the restore with its
 * progress. Anything refused (damaged, foreign, failed check) is shown here and nothing changes.
 */
export function RestoreModal({ file, onClose, onRestored }: { file: string | null; onClose: () => void; onRestored: (r: RestoreResult) => void }) {
  const [preview, setPreview] = useState<RestorePreview>();
  const [loadError, setLoadError] = useState<string>();
  const [confirmed, setConfirmed] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<string>();
  // An encrypted backup opens with the database password it was made with (perhaps an earlier one).
  const [password, setPassword] = useState('');

  useEffect(() => {
    setPreview(undefined);
    setLoadError(undefined);
    setConfirmed(false);
    setProgress(null);
    setRestoreError(undefined);
    setPassword('');
    if (!file) return;
    let live = true;
    api('backup:preview', { file })
      .then((p) => live && setPreview(p))
      .catch((e) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [file]);

  const restore = async () => {
    if (!file) return;
    setRestoring(true);
    setRestoreError(undefined);
    setProgress({ stage: '开始恢复', done: 0, total: 5 });
    try {
      const r = await api('backup:restore', { file, confirm: true, ...(preview?.backup.encrypted ? { password } : {}) }, { onProgress: setProgress });
      onRestored(r);
    } catch (e) {
      setRestoreError(errorMessage(e));
      setProgress(null);
    } finally {
      setRestoring(false);
    }
  };

  const rows = preview ? compareCounts(preview.backup.counts, preview.current.counts) : [];
  const losing = rows.filter((r) => r.backup < r.current);
  const b = preview?.backup;

  return (
    <Modal
      title="恢复备份"
      open={file !== null}
      width={760}
      style={{ top: 24 }}
      styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto', paddingInlineEnd: 4 } }}
      onCancel={() => !restoring && onClose()}
      closable={!restoring}
      mask={{ closable: false }}
      keyboard={!restoring}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center" gap={12}>
          <Checkbox checked={confirmed} disabled={!preview || restoring} onChange={(e) => setConfirmed(e.target.checked)}>
            我已核对以上内容，确认恢复
          </Checkbox>
          <Flex gap={8}>
            <Button onClick={onClose} disabled={restoring}>
              取消
            </Button>
            <Button type="primary" danger disabled={!preview || !confirmed || (preview.backup.encrypted && !password)} loading={restoring} onClick={restore}>
              确认恢复
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" ellipsis={{ tooltip: file }} style={{ maxWidth: '100%' }}>
          备份文件：{file}
        </Typography.Text>
        {progress && <JobProgressBar progress={progress} />}
        {restoreError && <Alert type="error" showIcon title="恢复未完成，当前数据没有改变" description={restoreError} />}
        {loadError && <Alert type="error" showIcon title="不能用这个备份恢复" description={`${loadError}。当前数据没有任何改变。`} />}
        {!preview && !loadError && <Skeleton active paragraph={{ rows: 6 }} />}
        {b && preview && (
          <>
            <Alert type="warning" showIcon title="恢复会用备份替换当前全部数据；恢复前系统会自动备份当前数据（类型：恢复前），可随时再恢复回来。" />
            {losing.length > 0 && (
              <Alert type="error" showIcon title={`备份中的${losing.map((r) => r.label).join('、')}比当前少：恢复后，备份之后新增的这些数据将不在当前数据中（仍保存在“恢复前”备份里）。`} />
            )}
            <Descriptions
              size="small"
              bordered
              column={3}
              items={[
                { key: 'time', label: '备份时间', children: backupTime(b) },
                { key: 'reason', label: '类型', children: <Tag color={REASON_COLORS[b.reason] ?? 'default'}>{b.reason}</Tag> },
                { key: 'app', label: '程序版本', children: b.appVersion || '不详' },
                { key: 'actor', label: '备份人', children: b.actor || '不详' },
                {
                  key: 'ledger',
                  label: '归档账本',
                  span: 2,
                  children: (
                    <span>
                      备份中 {ledgerEntries(b.ledgerHead)} 条，当前 {ledgerEntries(preview.current.ledgerHead)} 条
                      {ledgerEntries(b.ledgerHead) < ledgerEntries(preview.current.ledgerHead) && <Typography.Text type="danger">（备份之后又归档了 {ledgerEntries(preview.current.ledgerHead) - ledgerEntries(b.ledgerHead)} 条）</Typography.Text>}
                    </span>
                  ),
                },
              ]}
            />
            {b.encrypted && (
              <Flex vertical gap={4}>
                <Typography.Text strong>该备份已加密</Typography.Text>
                <Input.Password
                  data-testid="restore-password"
                  placeholder="请输入备份时使用的数据库密码"
                  value={password}
                  disabled={restoring}
                  onChange={(e) => setPassword(e.target.value)}
                  style={{ maxWidth: 360 }}
                />
              </Flex>
            )}
            <Table<CountRow>
              rowKey="key"
              size="small"
              className="restore-compare"
              pagination={false}
              dataSource={rows}
              rowClassName={(r) => (r.backup < r.current ? 'restore-row-loss' : '')}
              columns={[
                { title: '内容', dataIndex: 'label' },
                { title: '备份中', dataIndex: 'backup', align: 'right', width: 110 },
                { title: '当前', dataIndex: 'current', align: 'right', width: 110 },
                {
                  title: '恢复后',
                  key: 'diff',
                  width: 160,
                  render: (_, r) =>
                    r.backup < r.current ? (
                      <Typography.Text type="danger" strong>
                        减少 {r.current - r.backup}
                      </Typography.Text>
                    ) : r.backup > r.current ? (
                      <Typography.Text type="secondary">增加 {r.backup - r.current}</Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">不变</Typography.Text>
                    ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}

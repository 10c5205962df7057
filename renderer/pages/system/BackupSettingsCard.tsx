import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_SETTINGS, SETTING_LABELS, type AppSettings } from '../../../shared/settings';
import { api, errorMessage } from '../../api/client';

type Key = 'backupFolder' | 'backupKeepDaily' | 'backupKeepMonthly';

/** The service names the value “设置值”; under a field, the field's own name reads better. */
const underField = (key: Key, message: string) => message.replace(/^设置值：/, `${SETTING_LABELS[key]}：`);

/**
 * 备份设置: the folder ('' = beside the database) and how many automatic backups are kept. Each is saved through
 * `setting:set`; what the service refuses shows under its field.
 */
export function BackupSettingsCard({ defaultFolder, reloadKey, onFolderSaved }: { defaultFolder: string | undefined; reloadKey: number; onFolderSaved: () => void }) {
  const { message } = App.useApp();
  const [settings, setSettings] = useState<AppSettings>();
  const [loadError, setLoadError] = useState<string>();
  const [folder, setFolder] = useState('');
  const [keepDaily, setKeepDaily] = useState<number | null>(DEFAULT_SETTINGS.backupKeepDaily);
  const [keepMonthly, setKeepMonthly] = useState<number | null>(DEFAULT_SETTINGS.backupKeepMonthly);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [saving, setSaving] = useState<'folder' | 'keep' | null>(null);
  useEffect(() => {
    let live = true;
    api('setting:get', {})
      .then((s) => {
        if (!live) return;
        setSettings(s);
        setFolder(s.backupFolder);
        setKeepDaily(s.backupKeepDaily);
        setKeepMonthly(s.backupKeepMonthly);
        setLoadError(undefined);
      })
      .catch((e) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [reloadKey]);

  /** An edited field drops the message about its previous value. */
  const edited = (key: Key, apply: () => void) => {
    apply();
    setErrors((old) => ({ ...old, [key]: undefined }));
  };

  const set = async (key: Key, value: string | number): Promise<AppSettings | null> => {
    try {
      const s = await api('setting:set', key === 'backupFolder' ? { key, value: String(value) } : { key, value: Number(value) });
      setErrors((e) => ({ ...e, [key]: undefined }));
      return s;
    } catch (e) {
      setErrors((old) => ({ ...old, [key]: underField(key, errorMessage(e)) }));
      return null;
    }
  };

  const saveFolder = async () => {
    setSaving('folder');
    const s = await set('backupFolder', folder.trim());
    setSaving(null);
    if (!s) return;
    setSettings(s);
    setFolder(s.backupFolder);
    message.success(s.backupFolder ? `备份文件夹已设为 ${s.backupFolder}` : '备份文件夹已改回默认位置');
    onFolderSaved();
  };

  const saveKeep = async () => {
    const missing: Partial<Record<Key, string>> = {};
    if (keepDaily === null) missing.backupKeepDaily = `${SETTING_LABELS.backupKeepDaily}：不能为空`;
    if (keepMonthly === null) missing.backupKeepMonthly = `${SETTING_LABELS.backupKeepMonthly}：不能为空`;
    if (missing.backupKeepDaily || missing.backupKeepMonthly) return setErrors((e) => ({ ...e, ...missing }));
    setSaving('keep');
    let latest: AppSettings | undefined = settings;
    let ok = true;
    for (const [key, value] of [
      ['backupKeepDaily', keepDaily!],
      ['backupKeepMonthly', keepMonthly!],
    ] as const) {
      if (value === settings?.[key]) continue;
      const r = await set(key, value);
      if (r) latest = r;
      else ok = false;
    }
    setSaving(null);
    if (latest) setSettings(latest);
    if (ok && latest) message.success(`已保存：每日自动备份保留 ${latest.backupKeepDaily} 天，每月自动备份保留 ${latest.backupKeepMonthly} 个月`);
  };

  return (
    <Card title="备份设置" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        每天第一次启动本系统时自动备份一次，升级前也会自动备份。建议把备份文件夹设在另一块硬盘或U盘上，电脑损坏时备份不会一起丢失。
      </Typography.Paragraph>
      {loadError && <Alert type="error" showIcon title={`读取设置失败：${loadError}`} style={{ marginBottom: 16 }} />}
      {!settings && !loadError ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Form layout="vertical" disabled={!settings}>
          <Form.Item label={SETTING_LABELS.backupFolder} validateStatus={errors.backupFolder ? 'error' : undefined} help={errors.backupFolder ?? '留空则使用默认位置（数据库所在文件夹下的 backups）'}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                aria-label={SETTING_LABELS.backupFolder}
                value={folder}
                placeholder={defaultFolder ? `默认：${defaultFolder}` : '默认位置'}
                onChange={(e) => edited('backupFolder', () => setFolder(e.target.value))}
                onPressEnter={saveFolder}
                allowClear
              />
              <Button type="primary" onClick={saveFolder} loading={saving === 'folder'} disabled={folder.trim() === (settings?.backupFolder ?? '')}>
                保存
              </Button>
            </Space.Compact>
          </Form.Item>
          <Flex gap={16} wrap align="flex-start">
            <Form.Item label={SETTING_LABELS.backupKeepDaily} validateStatus={errors.backupKeepDaily ? 'error' : undefined} help={errors.backupKeepDaily ?? '1–365 天'} style={{ marginBottom: 8 }}>
              <InputNumber aria-label={SETTING_LABELS.backupKeepDaily} min={1} max={365} precision={0} value={keepDaily} onChange={(v) => edited('backupKeepDaily', () => setKeepDaily(v))} style={{ width: 140 }} suffix="天" />
            </Form.Item>
            <Form.Item label={SETTING_LABELS.backupKeepMonthly} validateStatus={errors.backupKeepMonthly ? 'error' : undefined} help={errors.backupKeepMonthly ?? '0–120 个月，每月保留第一份'} style={{ marginBottom: 8 }}>
              <InputNumber aria-label={SETTING_LABELS.backupKeepMonthly} min={0} max={120} precision={0} value={keepMonthly} onChange={(v) => edited('backupKeepMonthly', () => setKeepMonthly(v))} style={{ width: 140 }} suffix="个月" />
            </Form.Item>
          </Flex>
          <Flex gap={12} align="center" wrap>
            <Button onClick={saveKeep} loading={saving === 'keep'} disabled={keepDaily === settings?.backupKeepDaily && keepMonthly === settings?.backupKeepMonthly}>
              保存保留设置
            </Button>
            <Typography.Text type="secondary">手动备份和升级前、恢复前的备份不会自动删除。</Typography.Text>
          </Flex>
        </Form>
      )}
    </Card>
  );
}

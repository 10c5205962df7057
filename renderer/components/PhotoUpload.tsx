import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { cropPhotoToJpeg } from '../lib/photoCrop';

/** Photo picker: crops to the form's 3:4 portrait and compresses to ≤ 200 KB before anything is saved. */
export function PhotoUpload({ value, onChange }: { value: string | null; onChange: (jpegBase64: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const { message } = App.useApp();
  return (
    <Flex vertical gap={8} align="center">
      <div style={{ width: 120, height: 160, border: '1px dashed #ccc', background: '#fafafa', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
        {value ? <img src={`data:image/jpeg;base64,${value}`} alt="照片预览" style={{ width: '100%', height: '100%', objectFit: 'cover' }} /> : <Typography.Text type="secondary">照片</Typography.Text>}
      </div>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        style={{ display: 'none' }}
        data-testid="photo-input"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          try {
            onChange(await cropPhotoToJpeg(file));
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      />
      <Flex gap={4}>
        <Button size="small" icon={<UploadOutlined />} onClick={() => input.current?.click()}>
          {value ? '更换照片' : '上传照片'}
        </Button>
        {value && <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange(null)} aria-label="删除照片" />}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        自动裁为3:4，JPG/PNG
      </Typography.Text>
    </Flex>
  );
}

import { UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

/** The cadre's portrait (3:4), fetched on demand; a placeholder when there is none. */
export function CadrePhoto({ cadreId, hasPhoto, width = 30, version = 0 }: { cadreId: number; hasPhoto: boolean; width?: number; version?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSrc(null);
    if (hasPhoto)
      api('cadre:photo:get', { id: cadreId })
        .then((r) => live && setSrc(r.jpegBase64 ? `data:image/jpeg;base64,${r.jpegBase64}` : null))
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [cadreId, hasPhoto, version]);
  const height = Math.round((width * 4) / 3);
  const box = { width, height, borderRadius: 2, border: '1px solid #e5e5e5', background: '#fafafa', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' } as const;
  return (
    <span style={box}>
      {src ? <img src={src} alt="照片" style={{ width: '100%', height: '100%', objectFit: 'cover' }} /> : <UserOutlined style={{ color: '#bbb', fontSize: width / 2 }} />}
    </span>
  );
}

import { DeleteOutlined, UploadOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal, Slider, Typography } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { isSaveChord } from '../lib/keyboard';
import { MAX_ZOOM, coverScale, cropRect, encodeCrop, initialView, loadPhotoFile, moveView, zoomView, type CropView } from '../lib/photoCropper';
import { useUnsavedChanges } from '../lib/unsavedChanges';

/** The crop frame on screen: 3:4, as the form's 36 × 49 mm portrait. */
const FRAME = { width: 270, height: 360 };
const STEP = 10;

/**
 * 裁剪照片: the picture under a fixed 3:4 frame; drag it (or use the arrow keys), zoom with the wheel, the slider or
 * +/-; 确定 (Enter) cuts out what the frame shows. Esc / 取消 keeps the photo as it was.
 */
function CropDialog({ img, onDone, onCancel }: { img: HTMLImageElement | null; onDone: (jpegBase64: string) => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const image = img ? { width: img.naturalWidth, height: img.naturalHeight } : { width: 3, height: 4 };
  const [view, setView] = useState<CropView>(() => initialView(image, FRAME));
  const [moved, setMoved] = useState(false);
  const drag = useRef<{ x: number; y: number; view: CropView } | null>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const unsaved = useUnsavedChanges(!!img && moved);

  useEffect(() => {
    if (img) {
      setView(initialView({ width: img.naturalWidth, height: img.naturalHeight }, FRAME));
      setMoved(false);
    }
  }, [img]);

  const update = (next: CropView) => {
    setView(next);
    setMoved(true);
  };
  const confirm = () => {
    if (!img) return;
    try {
      const jpeg = encodeCrop(img, cropRect(view, image, FRAME));
      unsaved.release();
      onDone(jpeg);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
    if (moves[e.key]) {
      e.preventDefault();
      // The arrows move the frame over the picture (the picture moves the other way).
      update(moveView(view, moves[e.key][0], moves[e.key][1], image, FRAME));
    } else if (e.key === '+' || e.key === '=') update(zoomView(view, view.zoom * 1.1, image, FRAME));
    else if (e.key === '-') update(zoomView(view, view.zoom / 1.1, image, FRAME));
    else if (e.key === 'Enter' || isSaveChord(e)) {
      e.preventDefault();
      confirm();
    }
  };
  const scale = coverScale(image, FRAME) * view.zoom;

  return (
    <Modal
      title="裁剪照片"
      open={!!img}
      width={420}
      okText="确定"
      cancelText="取消"
      onOk={confirm}
      onCancel={() => unsaved.confirmLeave(onCancel)}
      afterOpenChange={(open) => open && frameRef.current?.focus()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        拖动照片（或用方向键）使头像位于框内，滚轮或下方滑块缩放。框内部分将保存为3:4的证件照。
      </Typography.Paragraph>
      <Flex vertical align="center" gap={8}>
        <div
          ref={frameRef}
          className="photo-crop-frame"
          data-testid="photo-crop-frame"
          tabIndex={0}
          role="application"
          aria-label="照片裁剪框：拖动或用方向键移动照片，+/- 缩放，回车确定"
          onKeyDown={onKeyDown}
          onPointerDown={(e: PointerEvent<HTMLDivElement>) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            drag.current = { x: e.clientX, y: e.clientY, view };
          }}
          onPointerMove={(e: PointerEvent<HTMLDivElement>) => {
            const d = drag.current;
            if (d) update(moveView(d.view, e.clientX - d.x, e.clientY - d.y, image, FRAME));
          }}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
          onWheel={(e: WheelEvent<HTMLDivElement>) => {
            const box = e.currentTarget.getBoundingClientRect();
            update(zoomView(view, view.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1), image, FRAME, { x: e.clientX - box.left, y: e.clientY - box.top }));
          }}
          style={{ width: FRAME.width, height: FRAME.height, position: 'relative', overflow: 'hidden', cursor: drag.current ? 'grabbing' : 'grab', background: '#f0f0f0', touchAction: 'none', userSelect: 'none', outlineOffset: 2 }}
        >
          {img && (
            <img
              src={img.src}
              alt="裁剪中的照片"
              draggable={false}
              style={{ position: 'absolute', left: view.x, top: view.y, width: image.width * scale, height: image.height * scale, maxWidth: 'none', pointerEvents: 'none' }}
            />
          )}
          {/* Thirds, to place the eyes and the chin. */}
          <div style={{ position: 'absolute', inset: 0, pointerEvents: 'none', border: '2px solid rgba(255,255,255,.9)', boxShadow: 'inset 0 0 0 1px rgba(0,0,0,.35)' }}>
            {[1, 2].map((i) => (
              <div key={`h${i}`} style={{ position: 'absolute', left: 0, right: 0, top: `${(i * 100) / 3}%`, borderTop: '1px dashed rgba(255,255,255,.7)' }} />
            ))}
            {[1, 2].map((i) => (
              <div key={`v${i}`} style={{ position: 'absolute', top: 0, bottom: 0, left: `${(i * 100) / 3}%`, borderLeft: '1px dashed rgba(255,255,255,.7)' }} />
            ))}
          </div>
        </div>
        <Flex align="center" gap={8} style={{ width: FRAME.width }}>
          <ZoomOutOutlined aria-hidden />
          <Slider style={{ flex: 1 }} min={1} max={MAX_ZOOM} step={0.01} value={view.zoom} onChange={(z) => update(zoomView(view, z, image, FRAME))} tooltip={{ formatter: (z) => `${Math.round((z ?? 1) * 100)}%` }} aria-label="缩放" />
          <ZoomInOutlined aria-hidden />
          <Button size="small" onClick={() => img && update(initialView(image, FRAME))}>
            复原
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}

/** Photo picker: the clerk places the 3:4 frame (CropDialog); the cut is compressed to ≤ 200 KB before anything is saved. */
export function PhotoUpload({ value, onChange }: { value: string | null; onChange: (jpegBase64: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const { message } = App.useApp();
  const [picked, setPicked] = useState<HTMLImageElement | null>(null);
  const close = () => {
    // After the dialog's closing animation, which still shows the picture.
    if (picked) setTimeout(() => URL.revokeObjectURL(picked.src), 1000);
    setPicked(null);
  };
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
            setPicked(await loadPhotoFile(file));
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
        JPG/PNG，上传后调整裁剪框
      </Typography.Text>
      <CropDialog
        img={picked}
        onCancel={close}
        onDone={(jpeg) => {
          onChange(jpeg);
          close();
        }}
      />
    </Flex>
  );
}

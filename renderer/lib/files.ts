import { desktopShell } from '../api/desktopShell';

/** Reads a picked file as base64 (what the API carries files as). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`无法读取文件“${file.name}”`));
    reader.readAsDataURL(file);
  });
}

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  lrmx: 'application/xml',
  zip: 'application/zip',
};

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Offers a file for saving. In the browser host this is a download; in Electron the same download opens the
 * system's save dialog, so both hosts share one path.
 */
export function saveBase64File(fileName: string, base64: string): void {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([base64ToBytes(base64)], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Opens a generated Word file with WPS or Word: the desktop app saves it to a temporary file and opens it with the
 * system's default program; the browser host downloads it (the browser then offers to open it). Resolves with what
 * happened; throws with a Chinese message when the desktop could not open it.
 */
export async function openWithOfficeApp(fileName: string, base64: string): Promise<'opened' | 'downloaded'> {
  const shell = desktopShell();
  if (!shell) {
    saveBase64File(fileName, base64);
    return 'downloaded';
  }
  const result = await shell.openDocument(fileName, base64);
  if (!result.ok) throw new Error(result.message);
  return 'opened';
}

/**
 * One strict policy for the desktop window and the browser host: only the app's own scripts and styles
 * (antd injects style tags, hence 'unsafe-inline' for styles only), images from itself and data/blob URLs
 * (photos, previews), no remote connections beyond itself, no frames, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

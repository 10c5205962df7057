import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../electron/shell/contentSecurityPolicy';

/**
 * The CSP as a <meta> fallback in the built page (the desktop app's app:// handler and the browser host send it as a
 * header). frame-ancestors has no effect in a <meta> and is left out there.
 */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'cadre-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

// The renderer is served from app://cadre-desk/ in Electron and from the browser host: relative base.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});

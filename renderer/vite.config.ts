import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is loaded from the app's files (file://) in Electron and from the browser host: relative base.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});

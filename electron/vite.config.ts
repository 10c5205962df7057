import path from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Builds the main process and the preload as CommonJS for Electron. Dependencies stay external (shipped in
// node_modules by electron-builder) except in the preload, which runs sandboxed and must be one file.
const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
const target = process.env.CADRE_BUILD_TARGET ?? 'main';
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig({
  build: {
    outDir: path.resolve(import.meta.dirname, '../out', target),
    emptyOutDir: true,
    ssr: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    lib: {
      // The main process and, beside it, the database worker it starts (out/main/dbWorker.cjs).
      entry:
        target === 'main'
          ? { main: path.resolve(import.meta.dirname, 'main.ts'), dbWorker: path.resolve(import.meta.dirname, 'worker/dbWorker.ts') }
          : { preload: path.resolve(import.meta.dirname, 'preload.ts') },
      formats: ['cjs'],
      fileName: (_format, name) => `${name}.cjs`,
    },
    rollupOptions: {
      external: target === 'main' ? [...external, ...Object.keys(pkg.dependencies)] : ['electron'],
    },
  },
  ssr: target === 'preload' ? { noExternal: true } : undefined,
});

// Vite configuration for the BSG Platform web front end.
// JSX is compiled by esbuild for Preact directly, so no framework plugin is needed.
import { defineConfig } from 'vite';

const backend = process.env.BSG_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // Every browser that runs ES modules also supports <link rel="modulepreload">
    // or ignores it harmlessly; the polyfill is dead weight on the first load.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/metrics': { target: backend, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/metrics': { target: backend, changeOrigin: false },
    },
  },
});

// Vite build of the staff web app. It is served by the API server under /app/, and in development the
// API is proxied so cookies stay same-origin. The domain package is compiled from source so the app and
// the server always share the same schemas.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const domainEntry = decodeURIComponent(new URL('../domain/src/index.ts', import.meta.url).pathname);

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@binhan\/domain$/, replacement: domainEntry }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});

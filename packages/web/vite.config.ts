// Vite build of the staff web app. It is served by the API server under /app/, and in development the
// API is proxied so cookies stay same-origin. The domain package is compiled from source so the app and
// the server always share the same schemas.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './build/service-worker-plugin';

const domainEntry = decodeURIComponent(new URL('../domain/src/index.ts', import.meta.url).pathname);

export default defineConfig({
  base: '/app/',
  // The service worker (sw.js) precaches the shell so the installed app opens without a connection.
  plugins: [react(), serviceWorkerPlugin()],
  resolve: {
    alias: [{ find: /^@binhan\/domain$/, replacement: domainEntry }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Libraries change far less often than the app: separate chunks stay in the browser cache across
    // releases, which matters on slow district connections.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'vendor-mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll[^\\/]*|react-transition-group)[\\/]/ },
            { name: 'vendor-libs', test: /node_modules[\\/](zod|react-hook-form|@hookform|i18next|react-i18next|@tanstack)[\\/]/ },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});

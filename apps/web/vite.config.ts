import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { firstLoadPreload } from './firstLoadPreload';
import { precompress } from './precompress';

/** Where `pnpm --filter @roundtable/server dev` listens (api-v1: PORT defaults to 3000). */
const DEV_SERVER = 'http://localhost:3000';

// In production the server serves dist/ on the same origin as /api, /socket.io and /yjs;
// in development Vite forwards those paths so the app can keep using relative URLs.
export default defineConfig({
  plugins: [react(), firstLoadPreload(), precompress()],
  server: {
    proxy: {
      '/api': { target: DEV_SERVER, changeOrigin: true },
      '/socket.io': { target: DEV_SERVER, ws: true, changeOrigin: true },
      '/yjs': { target: DEV_SERVER, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});

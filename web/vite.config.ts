import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app (web/): built to web/dist, which the gateway serves at / beside /graphql
 * (gateway/static.ts). `npm run web:dev` runs this config's dev server with hot reload,
 * proxying the API to a running `npm start` (YIYE_GATEWAY, default http://127.0.0.1:4000).
 */
const gateway = process.env.YIYE_GATEWAY ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The manifest (dist/.vite/manifest.json) says which chunks a page loads first: test/unit/web-bundle.test.ts.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true },
  server: { proxy: { '/graphql': gateway, '/dev': gateway, '/reports': gateway } },
});

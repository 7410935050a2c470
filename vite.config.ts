import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { mnistPlugin } from './vite-plugins/mnist.ts';
import { pwaOptions } from './vite-plugins/pwa.ts';
import { cspMetaPlugin, securityHeaders } from './vite-plugins/security.ts';

// Cross-origin isolation lets workers share memory (SharedArrayBuffer); the app works without it.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The dev server's HTML has inline scripts (React Fast Refresh); Vite marks them with this
// nonce and the dev policy allows it. Dev only: the build has no inline script and no nonce.
const DEV_NONCE = 'backprop-lab-dev';

export default defineConfig(({ command }) => ({
  base: './',
  plugins: [react(), mnistPlugin(), cspMetaPlugin(), VitePWA(pwaOptions)],
  html: command === 'serve' ? { cspNonce: DEV_NONCE } : {},
  server: { headers: { ...isolation, ...securityHeaders(DEV_NONCE) } },
  preview: { headers: { ...isolation, ...securityHeaders() } },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 1200 },
}));

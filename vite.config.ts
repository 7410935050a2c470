import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { mnistPlugin } from './vite-plugins/mnist.ts';

// Cross-origin isolation lets workers share memory (SharedArrayBuffer); the app works without it.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  plugins: [react(), mnistPlugin()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 1200 },
});

import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The largest file the service worker precaches: MNIST's training images, gzipped (9.8 MB). */
export const PRECACHE_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * The app as an installable, offline-capable web app (vite-plugin-pwa, Workbox's generateSW):
 * - the service worker precaches the whole build, MNIST's four .gz files included, so the app
 *   loads, steps graphs and trains with no network once it has been loaded once;
 * - it is registered from the app's own script (src/app/pwa.ts): the Content-Security-Policy
 *   allows no inline script, so no registration snippet is injected into index.html;
 * - a new version installs in the background and waits: it takes over at the next visit, once
 *   every tab of the old one is closed, never in the middle of a run (no skipWaiting, no
 *   clientsClaim); the old version's files stay cached until then.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'prompt',
  injectRegister: false,
  filename: 'sw.js',
  manifestFilename: 'manifest.webmanifest',
  // The glob patterns below already take the icons and the manifest.
  includeAssets: [],
  includeManifestIcons: false,
  manifest: {
    name: 'Backprop Lab',
    short_name: 'Backprop Lab',
    description:
      'Backpropagation through computational graphs, step by step, and a two-layer net trained on MNIST in your browser.',
    lang: 'en',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1d4ed8',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // Everything the app loads, KaTeX's woff2 fonts (the format Chromium, Firefox and Safari
    // take first) and the MNIST files.
    globPatterns: ['**/*.{html,js,css,svg,png,woff2}', 'mnist/*.gz'],
    maximumFileSizeToCacheInBytes: PRECACHE_LIMIT_BYTES,
    // Every navigation (any ?graph=…&lang=…) is the one page.
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    skipWaiting: false,
    clientsClaim: false,
  },
};

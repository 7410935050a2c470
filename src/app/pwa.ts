/**
 * Registers the service worker that the build writes (sw.js, see vite-plugins/pwa.ts), so the
 * app works offline once loaded. Only in the production build: the dev server has none.
 * A failed registration (a browser without service workers for this origin, an http page
 * that is not localhost) leaves the app working online, as before.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register(new URL('sw.js', document.baseURI), { scope: './' })
      .catch((e: unknown) => console.warn('Backprop Lab: the service worker was not registered:', e));
  // After the page has loaded: its install (12 MB, MNIST included) does not compete with the first paint.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy the app lives with, directive by directive:
 * - scripts only from the app's origin; 'wasm-unsafe-eval' lets the workers compile the
 *   WebAssembly kernels (it allows WebAssembly, not eval);
 * - styles from the origin and inline: KaTeX writes style attributes into its markup;
 * - the workers (the service worker too, and the scripts it imports), fetches (MNIST), fonts
 *   (KaTeX's) and the web app manifest from the origin only;
 * - images also as data: and blob: URLs (canvases, exported drawings);
 * - no plugins, no <base>, no framing.
 */
const DIRECTIVES: [string, string[]][] = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  ['connect-src', ["'self'"]],
  ['worker-src', ["'self'"]],
  ['manifest-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'self'"]],
  ['frame-ancestors', ["'none'"]],
];

/** Directives a <meta> tag cannot carry (the browser ignores them there, with a console error). */
const HEADER_ONLY = new Set(['frame-ancestors']);

/**
 * The policy as a header (`meta: false`) or as the built index.html's <meta> carries it.
 * `scriptNonce` adds a nonce for the dev server's inline scripts (React Fast Refresh).
 */
export function contentSecurityPolicy({ meta = false, scriptNonce }: { meta?: boolean; scriptNonce?: string } = {}) {
  return DIRECTIVES.filter(([name]) => !(meta && HEADER_ONLY.has(name)))
    .map(([name, values]) =>
      [name, ...values, ...(name === 'script-src' && scriptNonce ? [`'nonce-${scriptNonce}'`] : [])].join(' '),
    )
    .join('; ');
}

/** The headers dev and preview send (and a deployment should, see the README). */
export function securityHeaders(scriptNonce?: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ scriptNonce }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

/**
 * Puts the policy into the built index.html as its first <meta>, so that a static host that
 * sends no headers still enforces it (everything but frame-ancestors, which only a header can say).
 */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'backprop-lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

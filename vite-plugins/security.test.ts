import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security';

describe('the security headers', () => {
  it('send a strict policy that still lets WebAssembly compile and KaTeX style its markup', () => {
    const h = securityHeaders();
    const csp = h['Content-Security-Policy'].split('; ');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("worker-src 'self'"); // the service worker too
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h['Content-Security-Policy']).not.toMatch(/'unsafe-eval'|\*|https?:/);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('no-referrer');
    expect(h['X-Frame-Options']).toBe('DENY');
  });

  it('leave frame-ancestors out of the <meta> (browsers ignore it there, with an error)', () => {
    const meta = contentSecurityPolicy({ meta: true });
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('allow the dev server its inline scripts by nonce only', () => {
    expect(securityHeaders('n0nce')['Content-Security-Policy']).toContain(
      "script-src 'self' 'wasm-unsafe-eval' 'nonce-n0nce'",
    );
    expect(contentSecurityPolicy({ scriptNonce: 'n0nce' })).toMatch(/style-src 'self' 'unsafe-inline';/);
  });
});

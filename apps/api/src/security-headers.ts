/**
 * The Content-Security-Policy of every answer but the API reference page
 * (which sets its own): Vite's build is files only — a module script, a
 * stylesheet, images — and the service worker and manifest come from this
 * origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** A response header: lower-case name and value. */
export type Header = readonly [name: string, value: string];

/**
 * The security headers every answer carries, from Express or from memory:
 * helmet 8's defaults with Skycast's CSP, written out once as data so both
 * pipelines send the same list. Over HTTPS, also HSTS and
 * `upgrade-insecure-requests`.
 *
 * @example
 * for (const [name, value] of securityHeaders({ https: true })) res.setHeader(name, value);
 */
export function securityHeaders({ https }: { https: boolean }): readonly Header[] {
  const csp = https
    ? [...CONTENT_SECURITY_POLICY, 'upgrade-insecure-requests']
    : CONTENT_SECURITY_POLICY;
  return [
    ['content-security-policy', csp.join(';')],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['referrer-policy', 'no-referrer'],
    ...(https
      ? [['strict-transport-security', 'max-age=31536000; includeSubDomains'] as const]
      : []),
    ['x-content-type-options', 'nosniff'],
    ['x-dns-prefetch-control', 'off'],
    ['x-download-options', 'noopen'],
    ['x-frame-options', 'SAMEORIGIN'],
    ['x-permitted-cross-domain-policies', 'none'],
    ['x-xss-protection', '0'],
  ];
}

import type { NextFunction, Request, Response } from 'express';

/**
 * What the browser may load and do, for the built web app (apps/web/dist, checked against
 * Vite's output: one module script and one stylesheet under /assets, no inline script or
 * style; Tiptap's own <style> injection is turned off in CollaborativeEditor):
 * - scripts and styles from this origin only, so an injected <script> or inline handler
 *   never runs (style attributes set through the CSSOM, as React and ProseMirror do, are
 *   not affected);
 * - connect-src 'self' covers fetch, socket.io and the Yjs websocket of the same origin
 *   (CSP 3 lets 'self' match ws: and wss:);
 * - images and fonts also as data: URLs (Vite inlines small assets that way);
 * - frame-ancestors 'none': no page may frame Roundtable (the projector view is a page of
 *   its own, not an embed), which stops clickjacking of the facilitator's controls.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response: the express app's, and socket.io's long-polling ones. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Older browsers that know no frame-ancestors.
  'X-Frame-Options': 'DENY',
  // Tokens travel in the Yjs URL and the app's paths name sessions: never tell another site.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
});

/** Express middleware setting SECURITY_HEADERS before any route answers. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set(SECURITY_HEADERS);
  next();
}

import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { STATIC_CONTENT_TYPES as MIME } from './contentTypes';

/**
 * The renderer is served from `app://cadre-desk/…`, a custom scheme, not from `file://`: a page loaded from
 * `file://` may read other local files, this one can reach only the built renderer folder. The CSP travels as a
 * response header (index.html keeps a <meta> copy as a fallback).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cadre-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `app.whenReady()`: a standard, secure scheme (fetch, relative URLs, storage work as on https). */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } };


/** The file inside `rendererDir` that an `app://cadre-desk/…` URL names, or null for anything else (traversal too). */
export function appFileOf(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Answers `app://` requests from the renderer folder; anything else is 404. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileOf(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        status: 200,
        headers: { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

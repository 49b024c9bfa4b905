/**
 * Serving stored files as Rocket.Chat's Uploads store does: protected (FileUpload_ProtectFiles:
 * credentials; FileUpload_Restrict_to_room_members: membership; visitors by `rc_token`), always
 * as a download (`Content-Disposition: attachment`), never sniffed, and sandboxed, so that no
 * uploaded page (HTML, XHTML, SVG sent as any type) runs script on the server's origin.
 */
import { createReadStream, existsSync } from 'node:fs';
import type { Handler } from './index.ts';
import type { Store, StoredFile } from './store.ts';

function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return out;
}

/** Rocket.Chat's requestCanAccessFiles: headers, cookies or query for users; `rc_token` + `rc_rid` for visitors. */
function canRead(store: Store, file: StoredFile, headers: Record<string, string>, query: URLSearchParams): boolean {
  const s = store.settings;
  if (!s.FileUpload_ProtectFiles || file.open) return true;
  const jar = cookies(headers.cookie);
  const uid = headers['x-user-id'] ?? query.get('rc_uid') ?? jar.rc_uid;
  const token = headers['x-auth-token'] ?? query.get('rc_token') ?? jar.rc_token;
  const user = store.userBy(uid ?? undefined, token ?? undefined);
  if (user) {
    if (!s.FileUpload_Restrict_to_room_members) return true;
    const room = store.rooms.get(file.rid);
    return Boolean(room && room.members.has(user._id));
  }
  // A visitor: the room must be theirs (it may be closed by now).
  const rid = query.get('rc_rid') ?? jar.rc_rid;
  if (token && rid === file.rid) {
    const room = store.rooms.get(rid);
    return Boolean(room && room.t === 'l' && room.visitorToken === token);
  }
  return false;
}

export const serveFile: Handler = async ({ store, res, params, headers, url }) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  store.expire();
  const file = store.files.get(params[0]);
  if (!file || !existsSync(file.path)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  if (!canRead(store, file, headers, url.searchParams)) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden');
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.type || 'application/octet-stream',
    'Content-Length': String(file.size),
    'Content-Disposition': `attachment; filename="${encodeURIComponent(file.name)}"`,
    'X-Content-Type-Options': 'nosniff',
    // Should a browser still render it (an old one, or a page framing it), it runs no script.
    'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
    'Cache-Control': 'private, max-age=0',
  });
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
};

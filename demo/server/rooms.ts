/**
 * rooms (Rocket.Chat): `rooms.media` keeps a temporary upload and answers its ID (R1–R10);
 * `rooms.mediaConfirm` posts the message (R11–R17). servers.md "rooms — two steps".
 */
import type { Handler } from './index.ts';
import { forbidden403, json, NotMultipart, rcError, readText, receiveMultipart, unauthorized401 } from './http.ts';
import { effectiveType, sizeLimit, typeAllowed } from './settings.ts';
import { fileUrl, newId, type Message, type StoredFile } from './store.ts';

/** Message_MaxAllowedSize (R16). */
const maxMessageSize = 5000;

/** Keys the confirm body may carry (R15). */
const confirmKeys = new Set(['msg', 'description', 'tmid', 'alias', 'avatar', 'emoji', 'groupable', 'customFields', 't', 'content']);

/** Auth (R2, R12), then room access (R3, R13). */
function access(ctx: Parameters<Handler>[0]) {
  const { store, headers, res } = ctx;
  const user = store.userBy(headers['x-user-id'], headers['x-auth-token']);
  if (!user) return void json(res, 401, unauthorized401);
  const room = store.rooms.get(ctx.params[0]);
  if (!room || room.t !== 'c' || !room.members.has(user._id)) return void json(res, 403, forbidden403);
  return { user, room };
}

export const media: Handler = async (ctx) => {
  const { store, res } = ctx;
  const allowed = access(ctx);
  if (!allowed) return;
  let received;
  try {
    received = await receiveMultipart(ctx.req, ctx.body, store.dir, ctx.failWrites);
  } catch (error) {
    // R10: not multipart.
    if (error instanceof NotMultipart) return json(res, 400, { success: false, error: 'Missing Content-Type' });
    throw error;
  }
  const { files } = received;
  const reject = (code: string, reason = '') => {
    store.discard(files);
    rcError(res, code, reason);
  };
  if (files.some((file) => file.field !== 'file')) return reject('invalid-field'); // R4
  if (files.length > 1) return reject('error-too-many-files', 'Too many files in upload'); // R6
  const [file] = files;
  if (!file || file.size === 0) return reject('error-no-file', 'No file uploaded'); // R5
  const settings = store.settings;
  if (!settings.FileUpload_Enabled) return reject('error-file-upload-disabled', 'File upload is disabled'); // R9
  const limit = sizeLimit(settings, 'rooms');
  if (limit !== undefined && file.size > limit) return reject('error-file-too-large', 'File size exceeds the allowed limit'); // R7
  const type = effectiveType(file.type, file.name);
  if (!typeAllowed(settings, type)) return reject('error-invalid-file-type', 'File type is not accepted.'); // R8
  const stored = store.keep({ ...file, type }, allowed.room._id, allowed.user._id);
  store.record(store.uploads, allowed.room._id, {
    fileId: stored._id, rid: allowed.room._id, route: 'rooms.media', name: file.name, type, size: file.size, sha256: file.sha256, fields: received.fields, headers: ctx.headers,
  });
  json(res, 200, { file: { _id: stored._id, url: fileUrl(stored) }, success: true }); // R1
};

/** The message Rocket.Chat 8.x builds for a confirmed file. */
export function fileMessage(file: StoredFile, fields: Record<string, unknown>, user: { _id: string; username: string }): Message {
  const link = fileUrl(file);
  const image = file.type.startsWith('image/');
  const description = typeof fields.description === 'string' ? fields.description : undefined;
  const entry = { _id: file._id, name: file.name, type: file.type, size: file.size, format: file.name.split('.').pop()?.toUpperCase() ?? '' };
  const attachment: Record<string, unknown> = { ts: new Date().toISOString(), title: file.name, title_link: link, title_link_download: true, type: 'file' };
  if (image) Object.assign(attachment, { image_url: link, image_type: file.type, image_size: file.size, image_alt: description ?? '' });
  else Object.assign(attachment, { description, format: entry.format });
  const now = new Date().toISOString();
  const message: Message = {
    _id: newId(),
    rid: file.rid,
    msg: typeof fields.msg === 'string' ? fields.msg : '',
    ts: now,
    u: { _id: user._id, username: user.username },
    file: entry,
    files: image ? [entry, { ...entry, name: `thumb-${file.name}` }] : [entry],
    attachments: [attachment],
    _updatedAt: now,
  };
  for (const key of ['tmid', 'alias', 'avatar', 'emoji', 'groupable'] as const) if (fields[key] !== undefined) message[key] = fields[key];
  if (typeof fields.customFields === 'string') message.customFields = JSON.parse(fields.customFields);
  return message;
}

export const mediaConfirm: Handler = async (ctx) => {
  const { store, res } = ctx;
  const [rid, fileId] = ctx.params;
  const text = await readText(ctx.body);
  const log = (status: number, body: unknown) => store.record(store.confirms, rid, { fileId, rid, status, body, headers: ctx.headers });
  let body: Record<string, unknown>;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  const allowed = access(ctx);
  if (!allowed) return log(res.statusCode, body);
  const answer = (status: number, payload: unknown) => {
    log(status, body);
    json(res, status, payload);
  };
  // R15: unknown keys and a customFields that is not a JSON string.
  const unknown = Object.keys(body).find((key) => !confirmKeys.has(key));
  if (unknown) return answer(400, { success: false, error: `Match error: Unknown key in field ${unknown}` });
  if (body.customFields !== undefined) {
    let ok = typeof body.customFields === 'string';
    try {
      if (ok) ok = typeof JSON.parse(body.customFields as string) === 'object';
    } catch {
      ok = false;
    }
    if (!ok) return answer(400, { success: false, error: 'Match error: Expected string, got object in field customFields' });
  }
  if (body.groupable !== undefined && typeof body.groupable !== 'boolean') return answer(400, { success: false, error: 'Match error: Expected boolean in field groupable' });
  // R14: unknown ID, another user's upload or another room's.
  const file = store.files.get(fileId);
  if (!file || file.rid !== rid || file.userId !== allowed.user._id) return answer(400, { success: false, error: '[invalid-file]', errorType: 'invalid-file' });
  // R16
  for (const key of ['msg', 'description']) {
    if (typeof body[key] === 'string' && (body[key] as string).length > maxMessageSize) return answer(400, { success: false, error: '[error-message-size-exceeded]', errorType: 'error-message-size-exceeded' });
  }
  // R11; R17: a second confirm of the same file posts a second message.
  const message = store.post(fileMessage(file, body, allowed.user));
  answer(200, { message, success: true });
};

export const channelMessages: Handler = async (ctx) => {
  const { store, res, url } = ctx;
  const user = store.userBy(ctx.headers['x-user-id'], ctx.headers['x-auth-token']);
  if (!user) return json(res, 401, unauthorized401);
  const room = store.rooms.get(url.searchParams.get('roomId') ?? '');
  if (!room || room.t !== 'c' || !room.members.has(user._id)) return json(res, 403, forbidden403);
  const messages = [...(store.messages.get(room._id) ?? [])].reverse();
  json(res, 200, { messages, count: messages.length, offset: 0, total: messages.length, success: true });
};

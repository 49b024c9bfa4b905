/**
 * rooms (Rocket.Chat): `rooms.media` keeps a temporary upload and answers its ID (R1–R10);
 * `rooms.mediaConfirm` posts the message (R11–R17). servers.md "rooms — two steps" and its
 * corrections; the checks run in Rocket.Chat's order (rc-fidelity.md).
 */
import { copyFileSync } from 'node:fs';
import type { Ctx, Handler } from './index.ts';
import { Aborted, BadMultipart, BodyTooLarge, drain, forbidden403, json, NotMultipart, rcError, readText, receiveMultipart, StorageFailed, unauthorized401, type ReceivedFile } from './http.ts';
import { imageInfo, isPreviewableImage, plainPng, previewBase64 } from './images.ts';
import { effectiveType, formatBytes, parserLimit, typeAllowed, type Settings } from './settings.ts';
import { fileUrl, newId, recordable, recordableFields, type Message, type Room, type Store, type StoredFile, type User } from './store.ts';

/** Auth (R2, R12), then room access (R3, R13). The body is drained first, so the answer is readable. */
async function access(ctx: Ctx): Promise<{ user: User; room: Room } | undefined> {
  const { store, headers, res } = ctx;
  const user = store.userBy(headers['x-user-id'], headers['x-auth-token']);
  if (!user) {
    await drain(ctx.body);
    return void json(res, 401, unauthorized401);
  }
  const room = store.rooms.get(ctx.params[0]);
  if (!store.canAccess(room, user._id)) {
    await drain(ctx.body);
    return void json(res, 403, forbidden403);
  }
  return { user, room };
}

/** Answers a failed multipart read as Rocket.Chat does (nothing, when the client is gone). */
export function multipartFailure(ctx: Ctx, error: unknown): void {
  if (error instanceof Aborted) return;
  if (error instanceof NotMultipart || error instanceof BadMultipart) return json(ctx.res, 400, { success: false, error: (error as Error).message });
  if (error instanceof StorageFailed) return json(ctx.res, 500, { success: false, error: (error as Error).message });
  throw error;
}

/**
 * The store's checks of a new upload (Rocket.Chat's validateFileUpload, then the store filter's
 * minimum size): returns the error to answer, or undefined.
 */
export function uploadRefusal(settings: Settings, room: Room, file: ReceivedFile, type: string, encrypted: boolean): [code: string, reason: string] | undefined {
  if (!settings.FileUpload_Enabled) return ['error-file-upload-disabled', 'File uploads are disabled.'];
  if (room.t === 'd' && !settings.FileUpload_Enabled_Direct) return ['error-direct-message-file-upload-not-allowed', 'File sharing not allowed in direct messages.'];
  const max = settings.FileUpload_MaxFileSize;
  if (max > -1 && file.size > max) return ['error-file-too-large', `File size exceeds upload limit of ${formatBytes(max)}.`];
  if (encrypted && !settings.E2E_Enable_Encrypt_Files) return ['error-invalid-file-type', 'File type is not accepted.'];
  if (!typeAllowed(settings, type, encrypted)) return ['error-invalid-file-type', 'File type is not accepted.'];
  if (file.size < 1) return ['file-too-small', `File size (size = ${file.size}) is too small (min = 1)`];
  return undefined;
}

export const media: Handler = async (ctx) => {
  const { store, res } = ctx;
  const allowed = await access(ctx);
  if (!allowed) return;
  const settings = store.settings;
  const limit = parserLimit(settings, 'rooms');
  let received;
  try {
    received = await receiveMultipart(ctx.req, ctx.body, store.dir, { files: 1, fileSize: limit === undefined ? undefined : limit + 1, failWrites: ctx.failWrites });
  } catch (error) {
    return multipartFailure(ctx, error); // R10
  }
  const { files, fields } = received;
  const reject = (code: string, reason = '') => {
    store.discard(files);
    rcError(res, code, reason);
  };
  if (files.some((file) => file.field !== 'file')) return reject('invalid-field'); // R4
  if (received.tooManyFiles) return reject('error-too-many-files', 'Too many files in upload'); // R6
  const [file] = files;
  if (file?.truncated) return reject('error-file-too-large', 'File size exceeds the allowed limit'); // R7: the parser's limit
  if (!file) return reject('error-no-file', 'No file uploaded'); // R5
  // An end-to-end encrypted upload: `content` is JSON; the bytes are stored as octet-stream.
  let encrypted = false;
  if (fields.content !== undefined) {
    try {
      JSON.parse(fields.content);
      encrypted = true;
    } catch {
      return reject('invalid-field-content');
    }
  }
  const type = encrypted ? 'application/octet-stream' : effectiveType(file.type, file.name);
  const refusal = uploadRefusal(settings, allowed.room, file, type, encrypted); // R5, R7–R9
  if (refusal) return reject(...refusal);
  const stored = store.keep({ ...file, type }, allowed.room._id, { userId: allowed.user._id, temporary: true, encrypted });
  store.record(store.uploads, allowed.room._id, {
    fileId: stored._id, rid: allowed.room._id, route: 'rooms.media', name: file.name, type, size: file.size, sha256: file.sha256, fields: recordableFields(fields), headers: recordable(ctx.headers),
  });
  json(res, 200, { file: { _id: stored._id, url: fileUrl(stored) }, success: true }); // R1
};

/** The thumbnail Rocket.Chat makes: only for images beyond the thumbnail box, or SVGs; its own upload. */
function thumbnail(store: Store, file: StoredFile, info: { format: string; width?: number; height?: number }): StoredFile | undefined {
  const s = store.settings;
  if (!s.Message_Attachments_Thumbnails_Enabled) return undefined;
  const name = `thumb-${file.name}`;
  if (info.format === 'svg') return store.keepBytes(plainPng(48, 24), name, 'image/png', file.rid, file.userId);
  if (info.width === undefined || info.height === undefined) return undefined;
  if (info.width <= s.Message_Attachments_Thumbnails_Width && info.height <= s.Message_Attachments_Thumbnails_Height) return undefined;
  // The bytes are not scaled down here: a thumbnail only needs to be its own file of the image's type.
  const thumb = store.keepBytes(Buffer.alloc(0), name, file.type, file.rid, file.userId);
  copyFileSync(file.path, thumb.path);
  thumb.size = file.size;
  return thumb;
}

const fileEntry = (file: StoredFile, format: string) => ({ _id: file._id, name: file.name, type: file.type, size: file.size, format, typeGroup: file.type.split('/')[0] });

/** The files and attachment Rocket.Chat 8.x builds for a file (parseFileIntoMessageAttachments). */
export function fileParts(store: Store, file: StoredFile, description: string | undefined, flow: 'rooms' | 'livechat') {
  const link = fileUrl(file);
  const base = { ts: new Date(store.now()).toISOString(), title: file.name, title_link: link, title_link_download: true, type: 'file' };
  const info = !file.encrypted && isPreviewableImage(file.type) ? imageInfo(file.path, file.type) : undefined;
  if (!info) {
    const attachment = { ...base, ...(flow === 'rooms' ? { fileId: file._id } : {}), description, format: file.name.includes('.') ? file.name.split('.').pop()!.toUpperCase() : '', size: file.size };
    return { files: [fileEntry(file, '')], attachment };
  }
  if (flow === 'livechat') {
    // Livechat: one file, no thumbnail; the description as `description`; image_url is the file itself.
    const attachment = { ...base, image_url: link, image_type: file.type, image_size: file.size, description, ...(info.width ? { image_dimensions: { width: info.width, height: info.height } } : {}) };
    return { files: [fileEntry(file, info.format)], attachment };
  }
  const thumb = thumbnail(store, file, info);
  const attachment: Record<string, unknown> = {
    ...base, fileId: file._id, image_url: thumb ? fileUrl(thumb) : link, image_type: file.type, image_size: file.size,
    image_dimensions: info.width ? { width: info.width, height: info.height } : undefined, image_preview: previewBase64(),
  };
  if (description) attachment.image_alt = description;
  return { files: thumb ? [fileEntry(file, info.format), fileEntry(thumb, thumb.type === 'image/png' ? 'png' : info.format)] : [fileEntry(file, info.format)], attachment };
}

/** The keys the confirm body's Match check knows, with their types (sendFileMessage). */
const matchKeys: Record<string, 'string' | 'boolean' | 'content'> = {
  avatar: 'string', emoji: 'string', alias: 'string', groupable: 'boolean', msg: 'string', tmid: 'string', customFields: 'string', t: 'string', content: 'content',
};

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'object' : typeof value);

/** Meteor's Match error for a confirm body, or undefined. */
function matchError(body: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(body)) {
    const want = matchKeys[key];
    if (!want) return `Match error: Unknown key in field ${key}`;
    if (value === undefined || value === null) continue;
    if (want === 'content') {
      if (typeof value !== 'object' || Array.isArray(value)) return `Match error: Expected object, got ${typeName(value)} in field content`;
      for (const part of ['algorithm', 'ciphertext']) {
        const got = (value as Record<string, unknown>)[part];
        if (typeof got !== 'string') return `Match error: Expected string, got ${typeName(got)} in field content.${part}`;
      }
    } else if (typeof value !== want) return `Match error: Expected ${want}, got ${typeName(value)} in field ${key}`;
  }
  return undefined;
}

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
}

/** The part of JSON Schema that Message_CustomFields uses: type, properties, required, additionalProperties, enum. */
function schemaError(schema: Schema, value: unknown, path = ''): string | undefined {
  const where = path || 'data';
  if (schema.enum && !schema.enum.some((entry) => JSON.stringify(entry) === JSON.stringify(value))) return `${where} must be equal to one of the allowed values`;
  if (schema.type) {
    const type = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) && schema.type === 'integer' ? 'integer' : typeof value;
    if (type !== schema.type && !(schema.type === 'number' && type === 'integer')) return `${where} must be ${schema.type}`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) return `${where} must have required property '${key}'`;
    for (const [key, item] of Object.entries(record)) {
      const sub = schema.properties?.[key];
      if (sub) {
        const error = schemaError(sub, item, `${where}/${key}`);
        if (error) return error;
      } else if (schema.additionalProperties === false) return `${where} must NOT have additional properties`;
    }
  }
  return undefined;
}

type Refusal = { status: number; body: Record<string, unknown> };
const plain = (error: string): Refusal => ({ status: 400, body: { success: false, error } });
const coded = (code: string, reason: string, details?: Record<string, unknown>): Refusal => ({ status: 400, body: { success: false, error: reason ? `${reason} [${code}]` : `[${code}]`, errorType: code, ...(details ? { details } : {}) } });

/** executeSendMessage, canSendMessage and validateMessage: what refuses a message at confirm, after the bytes are up. */
function messageRefusal(store: Store, room: Room, user: User, body: Record<string, unknown>): Refusal | undefined {
  const s = store.settings;
  if (body.tmid && !s.Threads_enabled) return coded('error-not-allowed', 'not-allowed', { method: 'sendMessage' });
  if (typeof body.msg === 'string' && body.msg.length > s.Message_MaxAllowedSize) return coded('error-message-size-exceeded', 'Message size exceeds Message_MaxAllowedSize', { method: 'sendMessage' });
  if (room.ro && !user.permissions.has('post-readonly')) return plain("You can't send messages because the room is readonly.");
  if (room.muted?.includes(user.username)) return plain('You_have_been_muted');
  if (room.encrypted && s.E2E_Enable && !s.E2E_Allow_Unencrypted_Messages && body.t !== 'e2e') return coded('error-not-allowed', 'Not allowed to send un-encrypted messages in an encrypted room', { method: 'sendMessage' });
  if ((body.alias || body.avatar) && !user.permissions.has('message-impersonate')) return plain('Not enough permission');
  if (body.customFields !== undefined) {
    if (!s.Message_CustomFields_Enabled) return plain('Custom fields not enabled');
    let schema: Schema;
    try {
      schema = JSON.parse(s.Message_CustomFields) as Schema;
    } catch {
      return plain('Invalid custom fields config');
    }
    const error = schemaError(schema, body.customFields);
    if (error) return plain(`Invalid custom fields message: ${error}`);
  }
  return undefined;
}

/** Caps the strings a record keeps, so a large body is not held after its request. */
function capped(value: unknown): unknown {
  if (typeof value === 'string') return value.slice(0, 16 * 1024);
  if (Array.isArray(value)) return value.slice(0, 50).map(capped);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).slice(0, 50).map(([k, v]) => [k, capped(v)]));
  return value;
}

export const mediaConfirm: Handler = async (ctx) => {
  const { store, res } = ctx;
  const [rid, fileId] = ctx.params;
  let text = '';
  try {
    text = await readText(ctx.body);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return json(res, 413, { success: false, error: 'request entity too large' });
  }
  let body: Record<string, unknown> = {};
  let parseError: string | undefined;
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    else parseError = 'Match error: Expected object';
  } catch (error) {
    parseError = (error as Error).message;
  }
  const log = (status: number) => store.record(store.confirms, rid, { fileId, rid, status, body: capped(body), headers: recordable(ctx.headers) });
  const allowed = await access(ctx);
  if (!allowed) return log(res.statusCode);
  const answer = (status: number, payload: unknown) => {
    log(status);
    json(res, status, payload);
  };
  if (parseError) return answer(400, { success: false, error: parseError });
  // R14: unknown ID, expired, another user's upload or another room's (looked up before the body is checked).
  store.expire();
  const file = store.files.get(fileId);
  if (!file || file.rid !== rid || file.userId !== allowed.user._id) return answer(400, { success: false, error: '[invalid-file]', errorType: 'invalid-file' });
  // R16: the description, checked by the route.
  if (typeof body.description === 'string' && body.description.length > store.settings.Message_MaxAllowedSize) return answer(400, { success: false, error: '[error-message-size-exceeded]', errorType: 'error-message-size-exceeded' });
  const { description, fileName, fileContent, ...msgData } = body;
  void fileContent;
  const mismatch = matchError(msgData); // R15
  if (mismatch) return answer(400, { success: false, error: mismatch });
  let customFields: unknown;
  if (typeof msgData.customFields === 'string') {
    try {
      customFields = JSON.parse(msgData.customFields);
    } catch (error) {
      return answer(400, { success: false, error: (error as Error).message });
    }
  }
  const refusal = messageRefusal(store, allowed.room, allowed.user, { ...msgData, customFields });
  if (refusal) return answer(refusal.status, refusal.body);
  // 8.6+: a new name for the file, given after its bytes went up.
  if (typeof fileName === 'string' && fileName) file.name = fileName;
  const { files, attachment } = fileParts(store, file, typeof description === 'string' ? description : undefined, 'rooms');
  const now = new Date(store.now()).toISOString();
  const message: Message = {
    _id: newId(), rid, ts: now, msg: typeof msgData.msg === 'string' ? msgData.msg : '',
    u: { _id: allowed.user._id, username: allowed.user.username, name: allowed.user.name },
    file: files[0], files, attachments: [attachment], _updatedAt: now,
  };
  for (const key of ['tmid', 'alias', 'avatar', 'emoji', 't', 'content'] as const) if (msgData[key] !== undefined && msgData[key] !== null) message[key] = msgData[key];
  if (customFields !== undefined) message.customFields = customFields;
  // R11; R17: a second confirm of the same file posts a second message.
  file.confirmed = true;
  file.expiresAt = undefined;
  store.post(message);
  answer(200, { message, success: true });
};

export const channelMessages: Handler = async (ctx) => {
  const { store, res, url } = ctx;
  const user = store.userBy(ctx.headers['x-user-id'], ctx.headers['x-auth-token']);
  if (!user) return json(res, 401, unauthorized401);
  const room = store.rooms.get(url.searchParams.get('roomId') ?? '');
  if (!store.canAccess(room, user._id)) return json(res, 403, forbidden403);
  const messages = [...(store.messages.get(room._id) ?? [])].reverse();
  json(res, 200, { messages, count: messages.length, offset: 0, total: messages.length, success: true });
};

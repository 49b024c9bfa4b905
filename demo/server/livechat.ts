/**
 * livechat (Rocket.Chat omnichannel visitor): one multipart POST; the answer is the posted
 * message (L1–L8). servers.md "livechat — one step".
 */
import type { Handler } from './index.ts';
import { drain, forbidden403, json, rcError, receiveMultipart } from './http.ts';
import { fileMessage } from './rooms.ts';
import { effectiveType, sizeLimit, typeAllowed } from './settings.ts';

export const upload: Handler = async (ctx) => {
  const { store, res, headers } = ctx;
  const settings = store.settings;
  // L3 is checked before the token.
  if (!settings.FileUpload_Enabled || !settings.Livechat_fileupload_enabled) {
    await drain(ctx.body);
    return json(res, 400, { reason: 'error-file-upload-disabled', success: false });
  }
  const token = headers['x-visitor-token'];
  const room = store.rooms.get(ctx.params[0]);
  // L2 (no token), L4 (unknown token), L5 (room unknown, closed or another visitor's).
  const known = token !== undefined && [...store.rooms.values()].some((r) => r.visitorToken === token);
  if (!token || !known || !room || room.t !== 'l' || !room.open || room.visitorToken !== token) {
    await drain(ctx.body);
    return json(res, 403, forbidden403);
  }
  const received = await receiveMultipart(ctx.req, ctx.body, store.dir, ctx.failWrites);
  const file = received.files.find((f) => f.field === 'file');
  const reject = (send: () => void) => {
    store.discard(received.files);
    send();
  };
  if (!file || file.size === 0) return reject(() => rcError(res, 'error-no-file', 'No file uploaded')); // L7
  const limit = sizeLimit(settings, 'livechat');
  if (limit !== undefined && file.size > limit) return reject(() => rcError(res, 'error-file-too-large', 'File size exceeds the allowed limit')); // L6
  const type = effectiveType(file.type, file.name);
  // L8: the type is checked after the whole body arrived.
  if (!typeAllowed(settings, type)) return reject(() => json(res, 400, { reason: 'error-type-not-allowed', success: false }));
  store.discard(received.files.filter((f) => f !== file));
  const stored = store.keep({ ...file, type }, room._id);
  const fields = received.fields;
  store.record(store.uploads, room._id, {
    fileId: stored._id, rid: room._id, route: 'livechat.upload', name: file.name, type, size: file.size, sha256: file.sha256, fields, headers,
  });
  const groupable = fields.groupable === undefined ? undefined : fields.groupable === 'true';
  const message = fileMessage(stored, { ...fields, groupable }, { _id: `visitor-${token}`, username: 'visitor' });
  // Livechat attachments carry the description (not image_alt) and the visitor's token.
  const attachment = (message.attachments as Record<string, unknown>[])[0];
  attachment.description = fields.description ?? '';
  message.token = token;
  store.post(message);
  json(res, 200, { ...message, newRoom: false, showConnecting: false, success: true }); // L1
};

export const history: Handler = async (ctx) => {
  const { store, res, url } = ctx;
  const room = store.rooms.get(ctx.params[0]);
  // Rocket.Chat takes the token in the query; the header is accepted too, so that the demo keeps credentials out of URLs.
  const token = ctx.headers['x-visitor-token'] ?? url.searchParams.get('token');
  if (!room || room.t !== 'l' || !token || room.visitorToken !== token) return json(res, 403, forbidden403);
  json(res, 200, { messages: store.messages.get(room._id) ?? [], success: true });
};

/**
 * livechat (Rocket.Chat omnichannel visitor): one multipart POST; the answer is the posted
 * message (L1–L8). servers.md "livechat — one step" and its corrections, in Rocket.Chat's order.
 */
import type { Handler } from './index.ts';
import { drain, forbidden403, json, rcError, receiveMultipart } from './http.ts';
import { fileParts, multipartFailure, uploadRefusal } from './rooms.ts';
import { effectiveType, parserLimit, typeAllowed } from './settings.ts';
import { newId, recordable, recordableFields } from './store.ts';

export const upload: Handler = async (ctx) => {
  const { store, res, headers } = ctx;
  const settings = store.settings;
  const token = headers['x-visitor-token'];
  // L2: the token's presence comes first; then L3, uploads on; then L4/L5, the visitor and the room.
  if (!token) {
    await drain(ctx.body);
    return json(res, 403, forbidden403);
  }
  if (!settings.FileUpload_Enabled || !settings.Livechat_fileupload_enabled) {
    await drain(ctx.body);
    return json(res, 400, { reason: 'error-file-upload-disabled', success: false });
  }
  const room = store.rooms.get(ctx.params[0]);
  const known = [...store.rooms.values()].some((r) => r.visitorToken === token);
  if (!known || !room || room.t !== 'l' || !room.open || room.visitorToken !== token) {
    await drain(ctx.body);
    return json(res, 403, forbidden403);
  }
  const limit = parserLimit(settings, 'livechat');
  let received;
  try {
    received = await receiveMultipart(ctx.req, ctx.body, store.dir, { files: 1, fileSize: limit === undefined ? undefined : limit + 1, failWrites: ctx.failWrites });
  } catch (error) {
    return multipartFailure(ctx, error);
  }
  const { files, fields } = received;
  const file = files.find((f) => f.field === 'file');
  const reject = (send: () => void) => {
    store.discard(files);
    send();
  };
  if (file?.truncated) return reject(() => rcError(res, 'error-file-too-large', 'File size exceeds the allowed limit')); // L6
  if (!file) return reject(() => rcError(res, 'error-no-file', 'No file uploaded')); // L7
  const type = effectiveType(file.type, file.name);
  // L8: the type is checked after the whole body arrived.
  if (!typeAllowed(settings, type)) return reject(() => json(res, 400, { reason: 'error-type-not-allowed', success: false }));
  const refusal = uploadRefusal(settings, room, file, type, false);
  if (refusal) return reject(() => rcError(res, ...refusal));
  store.discard(files.filter((f) => f !== file));
  const stored = store.keep({ ...file, type }, room._id, { visitorToken: token });
  store.record(store.uploads, room._id, {
    fileId: stored._id, rid: room._id, route: 'livechat.upload', name: file.name, type, size: file.size, sha256: file.sha256, fields: recordableFields(fields), headers: recordable(headers),
  });
  const { files: entries, attachment } = fileParts(store, stored, fields.description ?? '', 'livechat');
  const now = new Date(store.now()).toISOString();
  const visitorName = `Visitor ${room._id}`;
  // Only `msg` of the form reaches the message; the alias is the visitor's name.
  const message = {
    _id: newId(), rid: room._id, msg: fields.msg ?? '', token, alias: visitorName, ts: now,
    u: { _id: `visitor-${room._id}`, username: `guest-${room._id}`, name: visitorName },
    file: { _id: stored._id, name: stored.name, type: stored.type }, files: entries, attachments: [attachment], _updatedAt: now,
  };
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

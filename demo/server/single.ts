/**
 * single: one multipart POST of `file` + `room_id` with `Authorization` (S1–S9).
 * servers.md "single — one POST".
 */
import type { Handler } from './index.ts';
import { Aborted, drain, json, receiveMultipart, StorageFailed } from './http.ts';
import { fileUrl, newId, recordable, recordableFields } from './store.ts';

/** 24 MiB (S5). */
export const singleLimit = 25_165_824;

export const upload: Handler = async (ctx) => {
  const { store, res, headers } = ctx;
  const token = headers.authorization;
  const userId = token ? store.singleTokens.get(token) : undefined;
  if (!userId) {
    await drain(ctx.body);
    return json(res, 401, { error: 'Invalid token or token missing' }); // S6
  }
  const user = store.users.get(userId);
  if (!user) {
    await drain(ctx.body);
    return json(res, 401, { error: 'Unauthorized access (invalid user)' }); // S7
  }
  let received;
  try {
    // One byte over the limit is enough to know (S5); the rest is read and dropped.
    received = await receiveMultipart(ctx.req, ctx.body, store.dir, { fileSize: singleLimit + 1, failWrites: ctx.failWrites });
  } catch (error) {
    if (error instanceof Aborted) return;
    if (error instanceof StorageFailed) return json(res, 500, { error: `File upload failed: ${error.message}` }); // S9
    return json(res, 400, { error: 'No file provided' });
  }
  const { files, fields } = received;
  const rid = fields.room_id;
  if (rid) store.count(rid, 'upload_file');
  const file = files.find((f) => f.field === 'file');
  const reject = (status: number, error: string) => {
    store.discard(files);
    json(res, status, { error });
  };
  if (!file) return reject(400, 'No file provided'); // S2
  if (!file.name) return reject(400, 'No file name provided'); // S3
  if (!rid) return reject(400, 'No room ID provided'); // S4
  const room = store.rooms.get(rid);
  if (!room || !room.members.has(user._id)) return reject(403, 'You are not a member of this room'); // S8
  if (file.truncated || file.size > singleLimit) return reject(400, 'File size exceeds the 24MB limit'); // S5
  store.discard(files.filter((f) => f !== file));
  const stored = store.keep(file, rid, { userId: user._id, open: true });
  store.record(store.uploads, rid, {
    fileId: stored._id, rid, route: 'upload_file', name: file.name, type: file.type, size: file.size, sha256: file.sha256, fields: recordableFields(fields), headers: recordable(headers),
  });
  const url = `http://${headers.host ?? '127.0.0.1'}${fileUrl(stored)}`;
  const now = new Date(store.now()).toISOString();
  store.post({ _id: newId(), rid, msg: url, ts: now, u: { _id: user._id, username: user.username }, _updatedAt: now,
    attachments: [{ title: file.name, title_link: fileUrl(stored), ...(file.type.startsWith('image/') ? { image_url: fileUrl(stored) } : {}) }] });
  json(res, 200, { message: 'File uploaded successfully', file_url: url }); // S1
};

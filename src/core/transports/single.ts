/**
 * single: one multipart POST of `file` + `room_id` with an `Authorization` header; the answer is
 * `{message, file_url}` (S1). servers.md "single — one POST".
 */
import type { Transport } from '../types.js';
import { compact, formData, sendBytes } from './shared.js';

/** The server's limit: 24 MiB (S5), checked before any byte is sent. */
export const singleMaxFileSize = 24 * 1024 * 1024;

export const single: Transport = {
  features: { description: false, thread: false, message: false },

  authHeaders: (ctx) => compact({ Authorization: ctx.authToken }) as Record<string, string>,

  async upload(item, ctx) {
    const response = await sendBytes(ctx.uploadUrl || '/api/upload_file', formData(item, { room_id: ctx.roomId }), ctx);
    return { response };
  },

  limits: async () => ({ maxFileSize: singleMaxFileSize }),
};

/**
 * single: one multipart POST of `file` + `room_id` with an `Authorization` header; the answer is
 * `{message, file_url}` (S1). servers.md "single — one POST".
 */
import { expectShape } from '../errors.js';
import { flowFeatures, singleMaxFileSize } from '../flows.js';
import type { Transport } from '../types.js';
import { compact, formData, sendBytes } from './shared.js';


export const single: Transport = {
  features: flowFeatures.single,

  authHeaders: (ctx) => compact({ Authorization: ctx.authToken }) as Record<string, string>,

  async upload(item, ctx) {
    const response = await sendBytes(ctx.uploadUrl || '/api/upload_file', formData(item, { room_id: ctx.roomId }), ctx);
    // Proof of a stored file: its `file_url` (S1).
    return { response: expectShape(response, typeof response.file_url === 'string' && response.file_url !== '', 'upload') };
  },

  limits: async () => ({ maxFileSize: singleMaxFileSize }),
};

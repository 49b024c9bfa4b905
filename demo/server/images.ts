/**
 * What the server learns from an image's first bytes (its format and size), and the small PNGs
 * it makes for thumbnails and previews. Rocket.Chat uses sharp; reading headers is enough here.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** The types Rocket.Chat treats as images it can preview (isImagePreviewSupported). */
const previewable: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp', 'image/svg+xml': 'svg',
};

export const isPreviewableImage = (type: string): boolean => type in previewable;

export interface ImageInfo {
  /** sharp's name of the format: `png`, `jpeg`, … */
  format: string;
  width?: number;
  height?: number;
}

function head(path: string, length = 256 * 1024): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

function jpegSize(buf: Buffer): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return undefined;
    const marker = buf[i + 1];
    const length = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return undefined;
}

/** The format and size of a stored image, when its header says so. */
export function imageInfo(path: string, type: string): ImageInfo | undefined {
  const format = previewable[type];
  if (!format) return undefined;
  if (format === 'svg') return { format };
  let buf: Buffer;
  try {
    buf = head(path);
  } catch {
    return { format };
  }
  let size: { width: number; height: number } | undefined;
  if (format === 'png' && buf.length >= 24 && buf.toString('ascii', 12, 16) === 'IHDR') size = { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  else if (format === 'gif' && buf.length >= 10) size = { width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
  else if (format === 'bmp' && buf.length >= 26) size = { width: buf.readInt32LE(18), height: Math.abs(buf.readInt32LE(22)) };
  else if (format === 'jpeg' && buf[0] === 0xff && buf[1] === 0xd8) size = jpegSize(buf);
  else if (format === 'webp' && buf.length >= 30 && buf.toString('ascii', 12, 16) === 'VP8X') size = { width: 1 + buf.readUIntLE(24, 3), height: 1 + buf.readUIntLE(27, 3) };
  else if (format === 'webp' && buf.length >= 30 && buf.toString('ascii', 12, 16) === 'VP8 ') size = { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  return { format, ...size };
}

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG of one colour: the thumbnail of an SVG (served as image/png, as Rocket.Chat's is). */
export function plainPng(width: number, height: number, rgb: [number, number, number] = [200, 200, 200]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The base64 preview Rocket.Chat puts in `image_preview` (a tiny blurred image; here a tiny plain one). */
export const previewBase64 = (): string => plainPng(4, 3).toString('base64');

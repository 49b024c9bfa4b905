/** Reads what a WebP holds from its RIFF header: its chunks (EXIF and XMP are chunks of their own) and its size. */
export interface WebpInfo {
  /** the RIFF chunks in order, e.g. ["VP8 "] or ["VP8X", "EXIF", "VP8 "] */
  chunks: string[];
  /** the size in pixels, read from the RIFF header (VP8X canvas, or the VP8 / VP8L frame) */
  width: number;
  height: number;
}

/** Walks a WebP's RIFF chunks and reads its size from the header. */
export function readWebp(bytes: Uint8Array): WebpInfo {
  const text = (at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
  if (text(0, 4) !== 'RIFF' || text(8, 4) !== 'WEBP') throw new Error('not a WebP');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info: WebpInfo = { chunks: [], width: 0, height: 0 };
  for (let at = 12; at + 8 <= bytes.length; ) {
    const name = text(at, 4);
    const size = view.getUint32(at + 4, true);
    const data = at + 8;
    info.chunks.push(name);
    const u24 = (offset: number) => bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16);
    if (name === 'VP8X') Object.assign(info, { width: 1 + u24(data + 4), height: 1 + u24(data + 7) });
    if (name === 'VP8 ' && !info.width) Object.assign(info, { width: view.getUint16(data + 6, true) & 0x3fff, height: view.getUint16(data + 8, true) & 0x3fff });
    if (name === 'VP8L' && !info.width) {
      const bits = view.getUint32(data + 1, true);
      Object.assign(info, { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) });
    }
    at = data + size + (size & 1);
  }
  return info;
}

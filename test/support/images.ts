/**
 * Photos made in the test, as phone cameras write them (EXIF orientation, GPS, XMP), and readers
 * of what arrived: a tiny walk of its APP segments, an EXIF reader (exifr) for its tags, its size
 * in pixels.
 */
import exifr from 'exifr';
import { serverUrl } from './server.js';

/** A big-endian TIFF block "Exif\0\0…" with Orientation and a GPS IFD (latitude N 48°). */
function exifBlock(orientation: number): Uint8Array {
  // IFD0 at 8: 2 entries (Orientation, GPSInfo → 38); GPS IFD at 38: 1 entry (GPSLatitudeRef "N").
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8,
    0, 2,
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0,
    0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38,
    0, 0, 0, 0,
    0, 1,
    0, 1, 0, 2, 0, 0, 0, 2, 0x4e, 0, 0, 0,
    0, 0, 0, 0];
  const body = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0], tiff);
  return new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
}

/** An APP1 XMP packet that names a place. */
function xmpBlock(): Uint8Array {
  const text = 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>48,51.0N</exif:GPSLatitude></x:xmpmeta>';
  const body = [...text].map((c) => c.charCodeAt(0));
  return new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
}

/**
 * A JPEG of `width`×`height` stored pixels: the top half red, the bottom half blue, with `noise`
 * (0–1) of speckle so that it does not compress to nothing. With orientation 6 it shows turned
 * 90° clockwise: `height` wide, red on the right.
 */
export async function makePhoto(name: string, { width = 4000, height = 3000, orientation = 6, noise = 0.3, quality = 0.92, gps = true } = {}): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#d00';
  context.fillRect(0, 0, width, height / 2);
  context.fillStyle = '#00d';
  context.fillRect(0, height / 2, width, height / 2);
  if (noise) {
    const image = context.getImageData(0, 0, width, height);
    const data = image.data;
    let x = 12345;
    for (let i = 0; i < data.length; i += 4) {
      x = (x * 1103515245 + 12345) >>> 0;
      const d = ((x >>> 24) - 128) * noise;
      data[i] += d;
      data[i + 1] += d;
      data[i + 2] += d;
    }
    context.putImageData(image, 0, 0);
  }
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
  const parts: BlobPart[] = [jpeg.slice(0, 2), exifBlock(orientation) as BlobPart];
  if (gps) parts.push(xmpBlock() as BlobPart);
  parts.push(jpeg.slice(2));
  return new File(parts, name, { type: 'image/jpeg' });
}

export interface JpegInfo {
  /** the APP1..APP15 and COM segments, as "APP1 Exif" / "APP1 XMP" / "COM" */
  segments: string[];
  /** EXIF Orientation, when there is one */
  orientation?: number;
  /** a GPS IFD or GPS words anywhere in the metadata */
  gps: boolean;
  /** bytes from the start of scan to the end */
  scan: Uint8Array;
}

/** Walks a JPEG's segments up to the start of scan. */
export function readJpeg(bytes: Uint8Array): JpegInfo {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  const info: JpegInfo = { segments: [], gps: false, scan: new Uint8Array() };
  let at = 2;
  while (at < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xda) break;
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    const body = bytes.subarray(at + 4, at + 2 + length);
    const label = String.fromCharCode(...body.subarray(0, 28));
    if (marker >= 0xe1 && marker <= 0xef) info.segments.push(`APP${marker - 0xe0} ${label.startsWith('Exif') ? 'Exif' : label.startsWith('http://ns.adobe.com/xap') ? 'XMP' : label.split('\0')[0]}`);
    if (marker === 0xfe) info.segments.push('COM');
    if (marker === 0xe1 && label.startsWith('Exif\0')) Object.assign(info, readTiff(body.subarray(6)));
    if (/GPS/.test(String.fromCharCode(...body))) info.gps = true;
    at += 2 + length;
  }
  info.scan = bytes.subarray(at);
  return info;
}

function readTiff(tiff: Uint8Array): { orientation?: number; gps: boolean } {
  const little = tiff[0] === 0x49;
  const get = (at: number, size: number) => {
    let value = 0;
    for (let i = 0; i < size; i++) value += tiff[at + (little ? i : size - 1 - i)] * 256 ** i;
    return value;
  };
  const ifd = get(4, 4);
  const out: { orientation?: number; gps: boolean } = { gps: false };
  for (let i = 0; i < get(ifd, 2); i++) {
    const entry = ifd + 2 + i * 12;
    const tag = get(entry, 2);
    if (tag === 0x0112) out.orientation = get(entry + 8, 2);
    if (tag === 0x8825) out.gps = true;
  }
  return out;
}

/**
 * The metadata an EXIF reader finds in the bytes (exifr), block by block (`ifd0`, `exif`, `gps`,
 * and XMP by namespace), tags by number (274 = Orientation, 34853 = GPSInfo); undefined when
 * there is none at all.
 */
export async function readExif(bytes: Uint8Array): Promise<Record<string, Record<string, unknown>> | undefined> {
  return exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, icc: false, mergeOutput: false, translateKeys: false, translateValues: false, reviveValues: false, sanitize: false });
}

/** The stored file's bytes, read back from the server (downloads need no credentials in the tests). */
export async function download(upload: { fileId: string; name: string }): Promise<Uint8Array> {
  const response = await fetch(`${serverUrl}/file-upload/${upload.fileId}/${encodeURI(upload.name)}`);
  if (!response.ok) throw new Error(`download ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Size as shown (orientation applied) and the colour at the middle of the right edge of the stored pixels. */
export async function look(bytes: Uint8Array, type: string): Promise<{ width: number; height: number; shown: { width: number; height: number }; right: number[] }> {
  const blob = new Blob([bytes as BlobPart], { type });
  const stored = await createImageBitmap(blob, { imageOrientation: 'none' });
  const shown = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const canvas = new OffscreenCanvas(1, 1);
  const context = canvas.getContext('2d')!;
  context.drawImage(shown, shown.width - 4, shown.height / 2, 1, 1, 0, 0, 1, 1);
  const right = [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  const out = { width: stored.width, height: stored.height, shown: { width: shown.width, height: shown.height }, right };
  stored.close();
  shown.close();
  return out;
}

/** Red, as seen in a photo (the noise moves it a little). */
export const isRed = ([r, g, b]: number[]) => r > 150 && g < 100 && b < 100;

/** A WebP's RIFF chunks and size (`webp.ts`: no browser needed, the e2e specs read it too). */
export { readWebp, type WebpInfo } from './webp.js';

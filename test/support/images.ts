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

/** A JPEG's segments, orientation, GPS and size (`jpeg.ts`: no browser needed, the e2e specs read it too). */
export { readJpeg, type JpegInfo } from './jpeg.js';

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

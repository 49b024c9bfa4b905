/** Reads what a JPEG holds from its segments: its APP segments (EXIF, XMP), orientation, GPS and size. */
export interface JpegInfo {
  /** the APP1..APP15 and COM segments, as "APP1 Exif" / "APP1 XMP" / "COM" */
  segments: string[];
  /** EXIF Orientation, when there is one */
  orientation?: number;
  /** a GPS IFD or GPS words anywhere in the metadata */
  gps: boolean;
  /** bytes from the start of scan to the end */
  scan: Uint8Array;
  /** the stored size in pixels, from the frame header (SOF) */
  width: number;
  height: number;
}

/** Walks a JPEG's segments up to the start of scan. */
export function readJpeg(bytes: Uint8Array): JpegInfo {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  const info: JpegInfo = { segments: [], gps: false, scan: new Uint8Array(), width: 0, height: 0 };
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
    // SOF0–SOF15 but DHT, JPG and DAC: precision, then height and width.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) Object.assign(info, { height: (body[1] << 8) | body[2], width: (body[3] << 8) | body[4] });
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

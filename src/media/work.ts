/**
 * The image work that runs inside the Worker: decode, orientation, resize, encode, and the JPEG
 * metadata walk. `work` is self-contained (it references nothing outside its own body): it is
 * turned into the Worker's source as text (`prepare.ts`), so one copy ships in every build — the
 * script-tag folder, the one-file build and the npm entries — with no worker asset to resolve.
 */

/** What the page asks of the Worker for one image. */
export interface Job {
  id: number;
  file: File;
  /** longest side in px; 0 = keep the size (quality `original`) */
  side: number;
  /** the server's limit in bytes; 0 = none */
  limit: number;
  /** keep the file's own metadata (`keep-metadata`) */
  keep: boolean;
  /** the encoding quality of the first try (0–1); fit-to-limit steps down from it by 0.1 */
  quality: number;
}

/** What the Worker answers: a new file, or none (the original goes as it is). */
export interface Done {
  id: number;
  file?: File;
  /** it was reduced to fit this limit (bytes) */
  fit?: number;
  /** the browser cannot prepare images here (no OffscreenCanvas) */
  unsupported?: boolean;
  /** over the limit and it cannot be made to fit */
  refused?: boolean;
}

export function work(): void {
  /** The steps down from the first quality when a photo must fit a limit: 0.1 each, three at most. */
  const steps = 3;
  const scope = self as unknown as { onmessage: ((event: MessageEvent<Job>) => void) | null; postMessage(done: Done): void };

  /** The big-endian u16 at `at`. */
  const u16 = (bytes: Uint8Array, at: number) => (bytes[at] << 8) | bytes[at + 1];

  /**
   * The JPEG without its metadata: APP1 (EXIF, XMP), APP2–APP15 but ICC profiles (APP2
   * "ICC_PROFILE") and Adobe (APP14, colour transform), and comments (COM) go. Decided: the
   * orientation stays as a minimal EXIF block that holds the Orientation tag alone, so the photo
   * stands as it was taken with its pixels untouched. Undefined when the bytes are not a JPEG.
   */
  function strip(bytes: Uint8Array): Uint8Array | undefined {
    if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
    const parts: Uint8Array[] = [bytes.subarray(0, 2)];
    let orientation = 1;
    let at = 2;
    while (at + 4 <= bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1];
      if (marker === 0xda) break; // start of scan: the rest is image data
      const length = u16(bytes, at + 2);
      const end = at + 2 + length;
      const segment = bytes.subarray(at, end);
      const label = String.fromCharCode(...segment.subarray(4, 16));
      if (marker === 0xe1 && label.startsWith('Exif\0')) orientation = readOrientation(segment.subarray(10)) || orientation;
      const drop = (marker >= 0xe1 && marker <= 0xef && !(marker === 0xe2 && label.startsWith('ICC_PROFILE')) && marker !== 0xee) || marker === 0xfe;
      if (!drop) parts.push(segment);
      at = end;
    }
    if (orientation !== 1) parts.splice(1, 0, orientationBlock(orientation));
    parts.push(bytes.subarray(at));
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /** The Orientation tag (0x0112) of a TIFF block (EXIF after its "Exif\0\0"), or 0. */
  function readOrientation(tiff: Uint8Array): number {
    const little = tiff[0] === 0x49;
    const get = (at: number, size: 2 | 4) => {
      let value = 0;
      for (let i = 0; i < size; i++) value += tiff[at + (little ? i : size - 1 - i)] * 256 ** i;
      return value;
    };
    const ifd = get(4, 4);
    const count = get(ifd, 2);
    for (let i = 0; i < count && ifd + 14 + i * 12 <= tiff.length; i++) {
      const entry = ifd + 2 + i * 12;
      if (get(entry, 2) === 0x0112) return get(entry + 8, 2);
    }
    return 0;
  }

  /** APP1 with a TIFF block holding Orientation alone (big-endian). */
  function orientationBlock(orientation: number): Uint8Array {
    // FF E1, length 34; "Exif\0\0"; MM 00 2A, IFD at 8; 1 entry: 0112, SHORT, 1, value; next IFD 0.
    return new Uint8Array([0xff, 0xe1, 0, 34, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 1, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  }

  /** An animated WebP (VP8X with the animation flag): never re-encoded. */
  const animated = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(12, 16)) === 'VP8X' && (bytes[20] & 2) !== 0;

  /** The name's stem with the new extension. */
  const rename = (name: string, extension: string) => `${name.replace(/\.[^.]*$/, '') || name}.${extension}`;

  /**
   * The bitmap drawn at `width`×`height`. Measured on 20 phone photos (4000×3000 to 2048 px, two
   * Workers): bilinear ("low") takes 4.8 s where "high" (bicubic) takes 6.9–7.8 s and "medium"
   * 5.9–9.3 s, and decoding with createImageBitmap's resizeWidth is no faster (6.5–9.6 s). Bilinear
   * skips pixels below half size, so a bigger photo is halved first (each halving a 2×2 average)
   * until it is within twice the target.
   */
  function draw(bitmap: ImageBitmap, width: number, height: number): OffscreenCanvas {
    let source: ImageBitmap | OffscreenCanvas = bitmap;
    while (source.width >= width * 2 && source.height >= height * 2) {
      const half: OffscreenCanvas = new OffscreenCanvas(Math.round(source.width / 2), Math.round(source.height / 2));
      half.getContext('2d')!.drawImage(source, 0, 0, half.width, half.height);
      source = half;
    }
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    context.imageSmoothingQuality = 'low';
    context.drawImage(source, 0, 0, width, height);
    return canvas;
  }

  async function prepare(job: Job): Promise<Omit<Done, 'id'>> {
    const { file, limit, keep } = job;
    const type = file.type.toLowerCase();
    const over = limit > 0 && file.size > limit;
    // GIF, SVG, PNG and anything but JPEG and WebP stay as they are (PNG screenshots stay sharp).
    if (type !== 'image/jpeg' && type !== 'image/webp') return {};
    // The bytes are read only where they are needed: a re-encoded JPEG never needs them.
    const read = async () => new Uint8Array(await file.arrayBuffer());
    if (type === 'image/webp' && animated(await read())) return {};
    // The original, with its metadata stripped unless the host keeps it.
    const stripped = async () => {
      const clean = keep || type !== 'image/jpeg' ? undefined : strip(await read());
      return clean ? new File([clean as BlobPart], file.name, { type, lastModified: file.lastModified }) : undefined;
    };
    if (typeof OffscreenCanvas === 'undefined') return over ? { refused: true, unsupported: true } : { file: await stripped(), unsupported: true };
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    try {
      const longest = Math.max(bitmap.width, bitmap.height);
      let scale = job.side && longest > job.side ? job.side / longest : 1;
      // Already within the target and the limit: the original (without metadata) goes.
      if (scale === 1 && !over) return { file: await stripped() };
      // JPEG, and a picked WebP stays WebP; a browser whose encoder cannot make WebP answers with
      // another type (PNG): JPEG then.
      let out = type;
      const made = (blob: Blob) => new File([blob], rename(file.name, out === 'image/webp' ? 'webp' : 'jpg'), { type: out, lastModified: file.lastModified });
      const encode = async (canvas: OffscreenCanvas, quality: number): Promise<Blob> => {
        const blob = await canvas.convertToBlob({ type: out, quality });
        if (blob.type === out) return blob;
        out = 'image/jpeg';
        return canvas.convertToBlob({ type: out, quality });
      };
      let canvas: OffscreenCanvas | undefined;
      for (let step = 0; step < 16; step++) {
        const quality = job.quality - 0.1 * Math.min(step, steps);
        const width = Math.max(1, Math.round(bitmap.width * scale));
        const height = Math.max(1, Math.round(bitmap.height * scale));
        // Drawn again only when the size changes: a lower quality re-encodes the same pixels.
        if (canvas?.width !== width || canvas.height !== height) canvas = draw(bitmap, width, height);
        const blob = await encode(canvas, quality);
        if (!over && step === 0) {
          // Never bigger: a result not smaller than the original leaves the original.
          return blob.size >= file.size ? { file: await stripped() } : { file: made(blob) };
        }
        if (blob.size <= limit) return { file: made(blob), fit: limit };
        // Lower the quality first, then the size, a step at a time.
        if (step >= steps) scale *= 0.8;
        if (width < 64 || height < 64) break;
      }
      return { refused: true };
    } finally {
      bitmap.close();
    }
  }

  scope.onmessage = (event) => {
    const job = event.data;
    prepare(job).then(
      (done) => scope.postMessage({ id: job.id, ...done }),
      () => scope.postMessage({ id: job.id }), // not an image it can read: the original goes
    );
  };
}

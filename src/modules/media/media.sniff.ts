import { Transform } from 'node:stream';
import { AppError } from '../../shared/errors';

/** The image formats accepted for upload. */
export const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/tiff', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

const ACCEPTED = 'JPEG, PNG, TIFF or WebP';

/** An error whose status `ERROR_STATUS` does not list (415); an AppError for every other purpose. */
export class MediaError extends AppError {
  constructor(code: 'UNSUPPORTED_MEDIA_TYPE' | 'IMAGE_UNREADABLE', message: string) {
    super('VALIDATION_FAILED', message);
    Object.assign(this, { code, status: 415 });
  }
}

/** The image type a file's first bytes announce, or null; the declared Content-Type is never trusted. */
export function sniffImage(head: Buffer): ImageMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 4) {
    const sig = head.subarray(0, 4).toString('latin1');
    // Classic TIFF (42) and BigTIFF (43), in both byte orders.
    if (sig === 'II*\0' || sig === 'MM\0*' || sig === 'II+\0' || sig === 'MM\0+') return 'image/tiff';
  }
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** The 415 answer for a file that is not an accepted image, saying what it looks like instead. */
export function notAnImage(head: Buffer): MediaError {
  return new MediaError('UNSUPPORTED_MEDIA_TYPE', `The file is not a ${ACCEPTED} image: it looks like ${describe(head)}. Upload a ${ACCEPTED} file.`);
}

/** The 413 answer for an upload over the configured size. */
export function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.round(maxBytes / 1048576)} MB this server accepts (HERITAGE_MAX_UPLOAD_MB)`);
}

/**
 * A pass-through stream that refuses a non-image from its first bytes and stops past `maxBytes`,
 * so neither costs more than a few bytes of storage. `mime` holds the sniffed type once known.
 */
export function uploadGuard(maxBytes: number): Transform & { mime: ImageMime | null } {
  let head: Buffer = Buffer.alloc(0);
  let seen = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(tooLarge(maxBytes));
      if (guard.mime === null) {
        head = Buffer.concat([head, chunk]).subarray(0, 16);
        if (head.length < 12) return done(null, chunk);
        guard.mime = sniffImage(head);
        if (!guard.mime) return done(notAnImage(head));
      }
      done(null, chunk);
    },
    flush(done) {
      if (guard.mime === null) {
        guard.mime = sniffImage(head);
        if (!guard.mime) return done(seen === 0 ? new MediaError('UNSUPPORTED_MEDIA_TYPE', `The upload is empty: send a ${ACCEPTED} file`) : notAnImage(head));
      }
      done();
    },
  }) as Transform & { mime: ImageMime | null };
  guard.mime = null;
  return guard;
}

function describe(head: Buffer): string {
  const text = head.toString('latin1');
  if (text.startsWith('%PDF')) return 'a PDF document';
  if (text.startsWith('GIF8')) return 'a GIF image, which is not accepted';
  if (text.startsWith('PK\x03\x04')) return 'a ZIP archive (or an Office document)';
  if (text.startsWith('RIFF')) return 'a RIFF file that is not WebP (audio or video?)';
  if (head.length >= 8 && head.subarray(4, 8).toString('latin1') === 'ftyp') return 'an ISO media file (HEIC, AVIF or video), which is not accepted';
  if (/^\s*</.test(text)) return 'an XML, SVG or HTML document';
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text)) return 'text';
  return 'an unknown binary format';
}

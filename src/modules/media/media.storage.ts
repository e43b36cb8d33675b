import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where media files live. Local disk by default; an object store can implement the same
 * methods (`path` is local-only: sharp and the IIIF renderer read files by path).
 */
export interface MediaStore {
  /** Streams `input` into `key` (never buffering it whole); the key appears only once the file is complete. */
  put(key: string, input: Readable): Promise<{ bytes: number; sha256: string }>;
  /** Lets `produce` write a file at a temporary path, then publishes it at `key` atomically. */
  putFile(key: string, produce: (tmpPath: string) => Promise<void>): Promise<void>;
  open(key: string): Readable;
  /** The local file of a key (local stores only). */
  path?(key: string): string;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

// Keys are built by this module (random names), but checked anyway: a key never climbs out of the root.
const KEY = /^[a-z0-9][a-z0-9._-]{0,127}(\/[a-z0-9][a-z0-9._-]{0,127}){0,4}$/i;

/** True when a string is a well-formed store key (no traversal, no absolute paths, no odd characters). */
export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.split('/').some((s) => s === '..' || s === '.');
}

/** A new random store key for an original, spread over 256 folders. */
export function newStorageKey(): string {
  const name = randomBytes(12).toString('hex');
  return `${name.slice(0, 2)}/${name}`;
}

/** The media store on local disk under `rootDir` (by default `<dataDir>/media`). */
export function localMediaStore(rootDir: string): MediaStore {
  const root = path.resolve(rootDir);
  const tmpDir = path.join(root, '.tmp');
  const fileOf = (key: string): string => {
    if (!isValidKey(key)) throw new Error(`Invalid media store key "${key}"`);
    const file = path.resolve(root, key);
    if (!file.startsWith(root + path.sep)) throw new Error(`Invalid media store key "${key}"`);
    return file;
  };
  let tmpReady = false;
  // Synchronous, so `put` attaches to its input before an error of the input can go unheard.
  const tmpFile = (): string => {
    if (!tmpReady) fs.mkdirSync(tmpDir, { recursive: true });
    tmpReady = true;
    return path.join(tmpDir, `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`);
  };
  // The file is flushed before it is published: a committed row must never point at a torn file.
  const publish = async (tmp: string, file: string): Promise<void> => {
    const fh = await fsp.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.rename(tmp, file);
  };

  return {
    async put(key, input) {
      const file = fileOf(key);
      const tmp = tmpFile();
      const hash = createHash('sha256');
      let bytes = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(input, tap, fs.createWriteStream(tmp, { flags: 'wx' }));
        await publish(tmp, file);
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        throw e;
      }
      return { bytes, sha256: hash.digest('hex') };
    },

    async putFile(key, produce) {
      const file = fileOf(key);
      const tmp = tmpFile();
      try {
        await produce(tmp);
        await publish(tmp, file);
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        throw e;
      }
    },

    open: (key) => fs.createReadStream(fileOf(key)),
    path: (key) => fileOf(key),
    delete: (key) => fsp.rm(fileOf(key), { force: true }),
    exists: (key) =>
      fsp.access(fileOf(key)).then(
        () => true,
        () => false,
      ),
  };
}

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** A bounded on-disk cache of rendered image responses. */
export interface ImageCache {
  /** The body stored under `key`, or null. */
  get(key: string): Promise<Buffer | null>;
  /** Stores `body` under `key` (atomically), then evicts the least recently used entries beyond the bound. */
  put(key: string, body: Buffer): Promise<void>;
  /** Bytes held now. */
  size(): number;
}

const ENTRY = /^[0-9a-f]{64}$/;
const FAN_OUT = /^[0-9a-f]{2}$/;
// A temporary file this old belongs to a write that died; a younger one may still be renamed.
const STALE_TEMP_MS = 60_000;

/**
 * A cache of at most `maxBytes` in `dir`: file names are SHA-256 hashes of the keys (a key never becomes
 * a path), writes go to a temporary file renamed into place, the least recently used entries go first,
 * and a new cache on the same directory finds the entries of the last one (ordered by modification time,
 * which reads refresh). Meant for one process per directory: each process counts only its own writes.
 */
export function createImageCache(opts: { dir: string; maxBytes: number }): ImageCache {
  const { dir, maxBytes } = opts;
  // Insertion order is the order of last use: the first entry is evicted first.
  const entries = new Map<string, number>();
  let total = 0;
  for (const e of scan(dir)) {
    entries.set(e.hash, e.bytes);
    total += e.bytes;
  }
  const fileOf = (hash: string) => path.join(dir, hash.slice(0, 2), hash);
  const forget = (hash: string) => {
    const bytes = entries.get(hash);
    if (bytes === undefined) return;
    entries.delete(hash);
    total -= bytes;
  };
  const evict = async () => {
    const doomed: string[] = [];
    for (const [hash] of entries) {
      if (total <= maxBytes) break;
      forget(hash);
      doomed.push(hash);
    }
    await Promise.all(doomed.map((hash) => fsp.rm(fileOf(hash), { force: true })));
  };
  // A smaller bound than the last run's: trim at once, before anyone reads.
  for (const [hash] of entries) {
    if (total <= maxBytes) break;
    forget(hash);
    fs.rmSync(fileOf(hash), { force: true });
  }

  return {
    async get(key) {
      const hash = hashKey(key);
      const bytes = entries.get(hash);
      if (bytes === undefined) return null;
      let body: Buffer;
      try {
        body = await fsp.readFile(fileOf(hash));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        forget(hash);
        return null;
      }
      if (entries.has(hash)) {
        entries.delete(hash);
        entries.set(hash, bytes);
      }
      const now = new Date();
      await fsp.utimes(fileOf(hash), now, now).catch(() => {});
      return body;
    },
    async put(key, body) {
      if (body.length > maxBytes) return;
      const hash = hashKey(key);
      const file = fileOf(hash);
      const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await fsp.mkdir(path.dirname(file), { recursive: true });
      try {
        await fsp.writeFile(temp, body, { flag: 'wx' });
        await fsp.rename(temp, file);
      } catch (e) {
        await fsp.rm(temp, { force: true });
        throw e;
      }
      forget(hash);
      entries.set(hash, body.length);
      total += body.length;
      await evict();
    },
    size: () => total,
  };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The entries on disk, oldest first; removes temporary files left by writes that died. */
function scan(dir: string): { hash: string; bytes: number; mtimeMs: number }[] {
  fs.mkdirSync(dir, { recursive: true });
  const found: { hash: string; bytes: number; mtimeMs: number }[] = [];
  for (const sub of fs.readdirSync(dir)) {
    if (!FAN_OUT.test(sub)) continue;
    const subdir = path.join(dir, sub);
    for (const name of fs.readdirSync(subdir)) {
      const file = path.join(subdir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue;
      }
      if (ENTRY.test(name) && stat.isFile()) found.push({ hash: name, bytes: stat.size, mtimeMs: stat.mtimeMs });
      else if (name.endsWith('.tmp') && Date.now() - stat.mtimeMs > STALE_TEMP_MS) fs.rmSync(file, { force: true });
    }
  }
  return found.sort((a, b) => a.mtimeMs - b.mtimeMs);
}

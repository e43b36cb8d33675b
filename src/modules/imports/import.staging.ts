import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';

const KEY = /^imp-[a-z0-9]{20}\.upload$/;

/** A file staged under `<dataDir>/imports/`, named by a key the server made (never a user's path). */
export interface StagedImport {
  key: string;
  bytes: number;
}

/** The folder of staged import files. */
export function stagingDir(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

/** The path of a staged file; a key the server did not make is refused. */
export function stagedPath(dataDir: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`"${key}" is not a staged import file key`);
  return path.join(stagingDir(dataDir), key);
}

/** Streams an upload into a new staged file, refusing it past `maxBytes` (413); memory stays flat. */
export async function stageImport(dataDir: string, input: Readable, maxBytes: number): Promise<StagedImport> {
  const key = newKey();
  const file = stagedPath(dataDir, key);
  await fsp.mkdir(stagingDir(dataDir), { recursive: true });
  let bytes = 0;
  const bound = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.round(maxBytes / 1048576)} MB this server accepts (HERITAGE_MAX_UPLOAD_MB)`));
      done(null, chunk);
    },
  });
  try {
    await pipeline(input, bound, fs.createWriteStream(file, { flags: 'wx' }));
  } catch (e) {
    // Drain what is left of the request so the refusal still reaches the client.
    input.resume();
    await fsp.rm(file, { force: true });
    throw e;
  }
  return { key, bytes };
}

/** Stages a local file for the operator's CLI: a hard link when it can (no copy of a 10 GB file), else a streamed copy. */
export async function stageLocalFile(dataDir: string, source: string): Promise<StagedImport> {
  const key = newKey();
  const file = stagedPath(dataDir, key);
  await fsp.mkdir(stagingDir(dataDir), { recursive: true });
  try {
    await fsp.link(source, file);
  } catch {
    await fsp.copyFile(source, file);
  }
  return { key, bytes: (await fsp.stat(file)).size };
}

/** Removes a staged file (gone already is fine). */
export async function removeStaged(dataDir: string, key: string): Promise<void> {
  await fsp.rm(stagedPath(dataDir, key), { force: true });
}

function newKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `imp-${[...randomBytes(20)].map((b) => alphabet[b % 36]).join('')}.upload`;
}

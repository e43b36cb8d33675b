import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A file of the published open data beside the repository (`../shared/data`, or HERITAGE_SHARED_DATA). */
export function sharedData(...parts: string[]): string {
  return path.join(process.env.HERITAGE_SHARED_DATA ?? path.resolve(REPO, '../shared/data'), ...parts);
}

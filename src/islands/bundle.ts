import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One bundled client island: its script and the hash that versions its URL. */
export interface Island {
  body: Buffer;
  hash: string;
}

/** The islands: small client scripts, each enhancing a page that works without them. */
export const ISLANDS = ['viewer', 'job-status', 'typeahead', 'record-editor', 'assessment-draft', 'exhibition-detail'] as const;
export type IslandName = (typeof ISLANDS)[number];

/**
 * OpenSeadragon adds one fixed stylesheet of its own (hiding the focus outline on touch
 * screens); the Content-Security-Policy allows exactly that text by its hash, nothing else inline.
 */
export const VIEWER_STYLE_HASH = "'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='";

let bundled: Promise<Map<IslandName, Island>> | null = null;

/**
 * Bundles every island with esbuild, once per process (about a tenth of a second): the
 * libraries they use come from node_modules, so nothing is ever loaded from a CDN.
 */
export function islands(): Promise<Map<IslandName, Island>> {
  bundled ??= Promise.all(
    ISLANDS.map(async (name) => {
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`./${name}.island.ts`, import.meta.url))],
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2020',
        platform: 'browser',
        write: false,
        legalComments: 'none',
        logLevel: 'silent',
      });
      const body = Buffer.from(result.outputFiles[0].contents);
      return [name, { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }] as const;
    }),
  ).then((entries) => new Map(entries));
  return bundled;
}

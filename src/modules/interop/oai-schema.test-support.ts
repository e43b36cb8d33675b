import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { sharedData } from '../../../test/helpers/shared-data';
import type { Config } from '../../config/config';
import type { Store } from '../records/record.store';
import { oaiRoutes } from './oai.routes';

const SCHEMAS = [sharedData('schemas', 'oai-pmh-all.xsd'), sharedData('lido', 'schema', 'lido-v1.1.xsd')];
let combined: string | null = null;

/**
 * A driver schema importing the OAI-PMH one (with oai_dc, oai-identifier, MARC21slim) and LIDO 1.1
 * (with GML), all from local files, since OAI-PMH validates `<metadata>` strictly.
 */
function schema(): string {
  if (combined) return combined;
  for (const s of SCHEMAS) if (!fs.existsSync(s)) throw new Error(`schema missing: ${s}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'heritage-oai-xsd-')), 'oai-pmh-lido.xsd');
  const url = (p: string) => new URL(`file://${path.resolve(p)}`).href;
  fs.writeFileSync(
    file,
    '<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' +
      `<xs:include schemaLocation="${url(SCHEMAS[0])}"/>` +
      `<xs:import namespace="http://www.lido-schema.org" schemaLocation="${url(SCHEMAS[1])}"/>` +
      '</xs:schema>\n',
  );
  return (combined = file);
}

/** Problems xmllint finds validating a document against the OAI-PMH, oai_dc, MARC21slim and LIDO 1.1 schemas (none when valid). */
export function schemaProblems(xml: string): string[] {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema(), '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
    return [];
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    // Both schema sets import xml.xsd: xmllint warns that it skips the second copy, which is not a problem of the document.
    return (err.stderr?.toString() ?? err.message).split('\n').filter((l) => l && !/validates$/.test(l) && !/Schemas parser warning/.test(l));
  }
}

/** The OAI-PMH routes alone on an existing database, with a small page size, as another process would serve them. */
export async function buildOaiApp(store: Store, config: Config, pageSize: number): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(formbody);
  await app.register(oaiRoutes, { store, config, pageSize });
  await app.ready();
  return app;
}

/** The values of every `<name>` element of a document, in order. */
export function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

/** The code of the error in an OAI-PMH response, or null. */
export function errorCode(xml: string): string | null {
  return /<error code="([^"]+)"/.exec(xml)?.[1] ?? null;
}

/** The resumptionToken element of a list response: its text and attributes, or null when there is none. */
export function resumption(xml: string): { token: string; completeListSize?: number; cursor?: number; expirationDate?: string } | null {
  const m = /<resumptionToken([^>]*?)(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(xml);
  if (!m) return null;
  const attr = (n: string) => new RegExp(`${n}="([^"]*)"`).exec(m[1])?.[1];
  const num = (n: string) => (attr(n) === undefined ? undefined : Number(attr(n)));
  return { token: m[2] ?? '', completeListSize: num('completeListSize'), cursor: num('cursor'), expirationDate: attr('expirationDate') };
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { sharedData } from '../../../test/helpers/shared-data';
import type { Config } from '../../config/config';
import type { Store } from '../records/record.store';
import { oaiRoutes } from './oai.routes';

const SCHEMA = sharedData('schemas', 'oai-pmh-all.xsd');

/** Problems xmllint finds validating a document against the OAI-PMH, oai_dc and MARC21slim schemas (none when valid). */
export function schemaProblems(xml: string): string[] {
  if (!fs.existsSync(SCHEMA)) throw new Error(`schema missing: ${SCHEMA}`);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
    return [];
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return (err.stderr?.toString() ?? err.message).split('\n').filter((l) => l && !/validates$/.test(l));
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

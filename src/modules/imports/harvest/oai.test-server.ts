import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedData } from '../../../../test/helpers/shared-data';

/** One answer of the test repository. */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** A recorded OAI-PMH repository on 127.0.0.1 (a random port), for harvest tests. */
export interface OaiTestServer {
  baseUrl: string;
  /** Every request's query, in order. */
  requests: URLSearchParams[];
  /** Answers a request before the recorded repository does (return undefined to fall through). */
  override(fn: ((q: URLSearchParams, n: number) => Answer | undefined) | null): void;
  close(): Promise<void>;
}

/** A sickle recording (mloesch/sickle test data). */
export function sickle(file: string): Buffer {
  return readFileSync(sharedData('oai-pmh', 'sickle', file));
}

/** An arXiv recording (paperhive/oai-pmh fixtures). */
export function arxiv(file: string): Buffer {
  return readFileSync(sharedData('oai-pmh', 'arxiv', file));
}

/**
 * Serves the sickle recordings as a repository: Identify, ListMetadataFormats, and the ListRecords
 * chain whose resumption tokens are the names of the next recorded pages.
 */
export async function startOaiTestServer(): Promise<OaiTestServer> {
  const requests: URLSearchParams[] = [];
  let hook: ((q: URLSearchParams, n: number) => Answer | undefined) | null = null;
  const server = http.createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    requests.push(q);
    const answer = hook?.(q, requests.length) ?? recorded(q);
    res.writeHead(answer.status ?? 200, { 'content-type': 'text/xml; charset=utf-8', ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/oai`,
    requests,
    override: (fn) => (hook = fn),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function recorded(q: URLSearchParams): Answer {
  const verb = q.get('verb');
  if (verb === 'Identify') return { body: sickle('Identify.xml') };
  if (verb === 'ListMetadataFormats') return { body: sickle('ListMetadataFormats.xml') };
  if (verb === 'ListRecords') {
    const token = q.get('resumptionToken');
    if (token) return /^ListRecords[234]\.xml$/.test(token) ? { body: sickle(token) } : { body: sickle('badResumptionToken.xml') };
    return q.get('metadataPrefix') === 'oai_dc' ? { body: sickle('ListRecords.xml') } : { body: sickle('cannotDisseminateFormat.xml') };
  }
  return { body: sickle('badArgument.xml') };
}

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { RetryableJobError } from '../../jobs/job.types';

/** How a harvest may reach its source and how patiently it retries. */
export interface FetchPolicy {
  /** Loopback and private addresses may be reached (the operator's CLI, or HERITAGE_HARVEST_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Attempts per request before the harvest gives up for now (default 5). */
  maxAttempts?: number;
  /** First backoff after a network error or a 5xx, doubled each time (default 2 s). */
  baseDelayMs?: number;
  /** Longest wait honoured in-process, Retry-After included; a longer one hands the job back to the runner (default 120 s). */
  maxDelayMs?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Largest response accepted (default 256 MiB). */
  maxBytes?: number;
  /** How to wait between attempts (default: a timer that the signal cancels); tests pass one that only records. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A harvest that cannot go on: not OAI-PMH, an OAI error code, an HTTP error, a refused address. */
export class HarvestError extends Error {
  constructor(
    message: string,
    /** The OAI-PMH error code (badResumptionToken, cannotDisseminateFormat…) when the repository sent one. */
    readonly oaiCode?: string,
  ) {
    super(message);
    this.name = 'HarvestError';
  }
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_REDIRECTS = 5;

/**
 * GETs an OAI-PMH request URL: redirects followed only within the same origin, private addresses
 * refused unless allowed, 503/429/5xx (honouring Retry-After) and network errors retried with bounded
 * exponential backoff; aborts with the signal.
 */
export async function oaiGet(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<Buffer> {
  const maxAttempts = policy.maxAttempts ?? 5;
  const base = policy.baseDelayMs ?? 2000;
  const maxDelay = policy.maxDelayMs ?? 120_000;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    let waitMs: number;
    let why: string;
    try {
      const res = await getFollowingSameOrigin(url, policy, signal);
      if (res.status === 200) return res.body;
      if (!RETRY_STATUSES.has(res.status)) throw new HarvestError(`HTTP ${res.status} from ${redact(url)}`);
      why = `HTTP ${res.status} from ${redact(url)}`;
      const retryAfter = retryAfterMs(res.retryAfter);
      waitMs = retryAfter ?? base * 2 ** (attempt - 1);
      if (retryAfter !== null && retryAfter > maxDelay) throw new RetryableJobError(`${why}: the repository asks to retry after ${Math.round(retryAfter / 1000)} s`, retryAfter);
    } catch (e) {
      if (e instanceof HarvestError || e instanceof RetryableJobError || signal.aborted) throw e;
      why = `Could not reach ${redact(url)}: ${(e as Error).message}`;
      waitMs = base * 2 ** (attempt - 1);
    }
    if (attempt >= maxAttempts) throw new RetryableJobError(`${why} (${attempt} attempts)`);
    await (policy.wait ?? sleep)(Math.min(waitMs, maxDelay), signal);
  }
}

/** True for loopback, private, link-local, shared, multicast and unspecified addresses (IPv4, IPv6, IPv4-mapped). */
export function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
  if (!family) return true;
  return PRIVATE.check(address, family);
}

/** Refuses a base URL that is not http(s), carries credentials, or (unless allowed) names a private address literally or through DNS. */
export async function assertReachable(url: URL, allowPrivate: boolean): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HarvestError(`The harvest URL must be http or https, got "${url.protocol}"`);
  if (url.username || url.password) throw new HarvestError('The harvest URL must not carry a user name or password');
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw new HarvestError(`${url.host} is a loopback or private address (${bad}); this server does not harvest from those (HERITAGE_HARVEST_ALLOW_PRIVATE)`);
}

const PRIVATE = new net.BlockList();
for (const [a, p] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) PRIVATE.addSubnet(a, p, 'ipv4');
for (const [a, p] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(a, p, 'ipv6');

interface RawResponse {
  status: number;
  body: Buffer;
  retryAfter: string | null;
}

async function getFollowingSameOrigin(start: URL, policy: FetchPolicy, signal: AbortSignal): Promise<RawResponse> {
  let url = start;
  for (let hop = 0; ; hop++) {
    await assertReachable(url, policy.allowPrivate);
    const res = await getOnce(url, policy, signal);
    if (!('location' in res)) return res;
    const next = new URL(res.location, url);
    if (next.origin !== start.origin) throw new HarvestError(`${redact(url)} redirects to another host (${next.origin}); a harvest reaches only its source's own URL`);
    if (hop >= MAX_REDIRECTS) throw new HarvestError(`Too many redirects from ${redact(start)}`);
    url = next;
  }
}

function getOnce(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<RawResponse | { location: string }> {
  const maxBytes = policy.maxBytes ?? 256 * 1024 * 1024;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(
      url,
      {
        signal,
        timeout: policy.timeoutMs ?? 60_000,
        headers: { accept: 'text/xml, application/xml;q=0.9, */*;q=0.1', 'accept-encoding': 'identity', 'user-agent': 'HeritageCommons-Harvester/1 (OAI-PMH 2.0)' },
        // Checked at connection time too, so a name cannot resolve to a public address for the check and a private one for the request.
        lookup: policy.allowPrivate ? undefined : guardedLookup,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ location: res.headers.location });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            req.destroy(new HarvestError(`The response of ${redact(url)} is over ${maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status, body: Buffer.concat(chunks), retryAfter: header(res.headers['retry-after']) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${policy.timeoutMs ?? 60_000} ms`)));
    req.on('error', reject);
  });
}

const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return (callback as Function)(err);
    const list = addresses as unknown as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return (callback as Function)(new HarvestError(`${hostname} resolves to a loopback or private address (${bad.address}); refused`));
    if ((options as dns.LookupOptions).all) return (callback as Function)(null, list);
    (callback as Function)(null, list[0].address, list[0].family);
  });
};

/** Retry-After in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
function retryAfterMs(v: string | null): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}

function header(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** The URL without its query's resumption token noise beyond 200 characters, for messages. */
function redact(url: URL): string {
  const s = url.toString();
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

import path from 'node:path';

/** The whole configuration of one Heritage Commons process, validated and frozen at boot. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** A postgres:// URL switches the storage to PostgreSQL; otherwise embedded SQLite under dataDir. */
  readonly databaseUrl: string | null;
  readonly publicUrl: string;
  /** Outgoing mail (invitations, password resets): an smtp:// or smtps:// URL, or null to show links only (HERITAGE_SMTP_URL). */
  readonly smtpUrl: string | null;
  /** The From address of mail the platform sends (HERITAGE_MAIL_FROM). */
  readonly mailFrom: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo alliance when the database is empty on start. */
  readonly demoOnEmpty: boolean;
  /** Threads that run search queries off the main event loop (0 runs them inline). */
  readonly searchWorkers: number;
  /** Largest upload accepted, in bytes (HERITAGE_MAX_UPLOAD_MB). */
  readonly maxUploadBytes: number;
  /** Largest image accepted, in pixels (width × height), checked from its header before any decoding (HERITAGE_MAX_IMAGE_PIXELS). */
  readonly maxImagePixels: number;
  /** Bound of the on-disk cache of rendered IIIF images, in bytes (HERITAGE_IIIF_CACHE_MB). */
  readonly iiifCacheBytes: number;
  /** Harvest sources registered through the web may be on loopback or private addresses (HERITAGE_HARVEST_ALLOW_PRIVATE; default false). */
  readonly harvestAllowPrivate: boolean;
}

/** Settings given on the command line; they win over the environment. */
export interface ConfigFlags {
  port?: string | number;
  host?: string;
  data?: string;
  databaseUrl?: string;
  publicUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads the configuration from flags and environment; throws one ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const problems: string[] = [];

  const portText = String(flags.port ?? env.PORT ?? '3000');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const dataDir = path.resolve(flags.data ?? env.HERITAGE_DATA_DIR ?? './data');

  const databaseUrl = (flags.databaseUrl ?? env.DATABASE_URL ?? '').trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl) && !/^sqlite:/.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be a postgres:// URL (or sqlite:FILE), got "${redact(databaseUrl)}"`);
  }

  const host = flags.host ?? env.HOST ?? '0.0.0.0';

  const effectivePort = Number.isFinite(port) ? port : 3000;
  const publicUrlText = (flags.publicUrl ?? env.HERITAGE_PUBLIC_URL ?? `http://localhost:${effectivePort}`).replace(/\/+$/, '');
  try {
    const u = new URL(publicUrlText);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    problems.push(`HERITAGE_PUBLIC_URL must be an absolute http(s) URL, got "${publicUrlText}"`);
  }

  const smtpUrl = (env.HERITAGE_SMTP_URL ?? '').trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) problems.push(`HERITAGE_SMTP_URL must be an smtp:// or smtps:// URL, got "${redact(smtpUrl)}"`);
  const mailFrom = (env.HERITAGE_MAIL_FROM ?? '').trim() || 'Heritage Commons <no-reply@localhost>';

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const demoText = env.HERITAGE_DEMO ?? 'auto';
  if (!['auto', 'off', 'on', 'true', 'false', '0', '1'].includes(demoText)) {
    problems.push(`HERITAGE_DEMO must be auto or off, got "${demoText}"`);
  }

  const workersText = env.HERITAGE_SEARCH_WORKERS ?? '2';
  const searchWorkers = Number(workersText);
  if (!/^\d+$/.test(workersText) || searchWorkers > 64) {
    problems.push(`HERITAGE_SEARCH_WORKERS must be a whole number from 0 to 64, got "${workersText}"`);
  }

  const sizes = { HERITAGE_MAX_UPLOAD_MB: '2048', HERITAGE_MAX_IMAGE_PIXELS: '1000000000', HERITAGE_IIIF_CACHE_MB: '1024' };
  const [maxUploadMb, maxImagePixels, iiifCacheMb] = Object.entries(sizes).map(([name, fallback]) => {
    const text = env[name] ?? fallback;
    if (!/^[1-9]\d{0,12}$/.test(text)) problems.push(`${name} must be a positive whole number, got "${text}"`);
    return Number(text);
  });

  const allowPrivateText = (env.HERITAGE_HARVEST_ALLOW_PRIVATE ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'on', 'off'].includes(allowPrivateText)) problems.push(`HERITAGE_HARVEST_ALLOW_PRIVATE must be true or false, got "${allowPrivateText}"`);

  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    harvestAllowPrivate: ['true', '1', 'on'].includes(allowPrivateText),
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl: publicUrlText,
    logLevel,
    smtpUrl,
    mailFrom,
    demoOnEmpty: !['off', 'false', '0'].includes(demoText),
    searchWorkers,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    maxImagePixels,
    iiifCacheBytes: iiifCacheMb * 1024 * 1024,
  });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

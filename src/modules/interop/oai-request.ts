/** The six verbs of OAI-PMH 2.0. */
export const OAI_VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
export type OaiVerb = (typeof OAI_VERBS)[number];

/** The error codes of the protocol (section 3.6). */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

/** A protocol error, answered in an OAI-PMH document with HTTP 200. */
export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OaiError';
  }
}

/** A selective-harvesting range as bounds on stored ISO timestamps: `from` inclusive, `until` exclusive. */
export interface OaiRange {
  fromIso?: string;
  untilIso?: string;
}

/** A request whose arguments passed the checks of its verb. */
export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets'; resumptionToken?: string }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string }
  | { verb: 'ListIdentifiers' | 'ListRecords'; resumptionToken: string }
  | ({ verb: 'ListIdentifiers' | 'ListRecords'; resumptionToken?: undefined; metadataPrefix: string; set?: string } & OaiRange);

/** What the parser made of a request: the checked request and the arguments to echo, or the error to answer. */
export type ParsedOaiRequest = { ok: true; request: OaiRequest; args: Record<string, string> } | { ok: false; error: OaiError };

// Allowed arguments per verb (besides `verb`); `true` marks the required ones (section 4).
const ARGS: Record<OaiVerb, Record<string, boolean>> = {
  Identify: {},
  ListMetadataFormats: { identifier: false },
  ListSets: { resumptionToken: false },
  GetRecord: { identifier: true, metadataPrefix: true },
  ListIdentifiers: { metadataPrefix: true, from: false, until: false, set: false, resumptionToken: false },
  ListRecords: { metadataPrefix: true, from: false, until: false, set: false, resumptionToken: false },
};
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/;
/** The syntax of a setSpec (section 4.6 and the OAI-PMH schema). */
export const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

/**
 * Checks a request's arguments exactly as section 3 and 4 ask: the verb present once and legal
 * (else badVerb); no argument the verb does not take, none repeated, every required one there,
 * resumptionToken exclusive, dates of a legal and same granularity with from ≤ until (else badArgument).
 */
export function parseOaiRequest(params: Map<string, string[]>): ParsedOaiRequest {
  const bad = (code: OaiErrorCode, message: string): ParsedOaiRequest => ({ ok: false, error: new OaiError(code, message) });
  const verbs = params.get('verb') ?? [];
  if (verbs.length === 0) return bad('badVerb', 'The verb argument is missing.');
  if (verbs.length > 1) return bad('badVerb', 'The verb argument is repeated.');
  const verb = verbs[0] as OaiVerb;
  if (!OAI_VERBS.includes(verb)) return bad('badVerb', `"${verbs[0]}" is not a legal OAI-PMH verb.`);

  const allowed = ARGS[verb];
  const args: Record<string, string> = {};
  for (const [name, values] of params) {
    if (name === 'verb') continue;
    if (!Object.hasOwn(allowed, name)) return bad('badArgument', `${verb} does not take the argument "${name}".`);
    if (values.length > 1) return bad('badArgument', `The argument "${name}" is repeated.`);
    if (values[0] === '') return bad('badArgument', `The argument "${name}" is empty.`);
    args[name] = values[0];
  }
  if (args.resumptionToken !== undefined) {
    if (Object.keys(args).length > 1) return bad('badArgument', 'resumptionToken is an exclusive argument: it may not come with any other argument but verb.');
    return { ok: true, request: { verb, resumptionToken: args.resumptionToken } as OaiRequest, args: { verb, ...args } };
  }
  for (const [name, required] of Object.entries(allowed)) {
    if (required && args[name] === undefined) return bad('badArgument', `${verb} requires the argument "${name}".`);
  }
  if (args.metadataPrefix !== undefined && !PREFIX.test(args.metadataPrefix)) return bad('badArgument', `"${args.metadataPrefix}" is not a legal metadataPrefix.`);
  if (verb === 'ListIdentifiers' || verb === 'ListRecords') {
    const range = parseRange(args.from, args.until);
    if (typeof range === 'string') return bad('badArgument', range);
    if (args.set !== undefined && !SET_SPEC.test(args.set)) return bad('badArgument', `"${args.set}" is not a legal setSpec.`);
    return { ok: true, request: { verb, metadataPrefix: args.metadataPrefix, set: args.set, ...range }, args: { verb, ...args } };
  }
  return { ok: true, request: { verb, ...args } as OaiRequest, args: { verb, ...args } };
}

/** The arguments of a query string or a urlencoded body, keeping repeated names. */
export function argumentsOf(source: URLSearchParams | Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: string) => out.set(k, [...(out.get(k) ?? []), v]);
  if (source instanceof URLSearchParams) for (const [k, v] of source) add(k, v);
  else for (const [k, v] of Object.entries(source)) for (const x of Array.isArray(v) ? v : [v]) add(k, String(x));
  return out;
}

/** `from`/`until` as bounds on stored timestamps (inclusive at the granularity given), or the problem with them. */
export function parseRange(from: string | undefined, until: string | undefined): OaiRange | string {
  const f = from === undefined ? undefined : parseUtc(from);
  const u = until === undefined ? undefined : parseUtc(until);
  if (f === null) return `"${from}" is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.`;
  if (u === null) return `"${until}" is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.`;
  if (f && u && f.day !== u.day) return 'from and until must have the same granularity.';
  if (f && u && f.start > u.start) return 'from must not be later than until.';
  return {
    ...(f ? { fromIso: new Date(f.start).toISOString() } : {}),
    ...(u ? { untilIso: new Date(u.start + (u.day ? 86_400_000 : 1000)).toISOString() } : {}),
  };
}

function parseUtc(text: string): { start: number; day: boolean } | null {
  const m = DAY.exec(text) ?? SECOND.exec(text);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  date.setUTCFullYear(Number(y));
  const back = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  if (back.join() !== [y, mo, d, h, mi, s].map(Number).join()) return null;
  return { start: date.getTime(), day: m.length === 4 };
}

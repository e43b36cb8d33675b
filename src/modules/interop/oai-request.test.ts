import { describe, expect, it } from 'vitest';
import { argumentsOf, parseOaiRequest, parseRange } from './oai-request';
import { decodeToken, encodeToken, type ListState } from './oai-token';
import { datestamp, esc } from './oai-xml';
import { marcLanguage } from './oai-marc';

const parse = (q: string) => parseOaiRequest(argumentsOf(new URLSearchParams(q)));

describe('OAI-PMH request arguments', () => {
  it('accepts each verb with its legal arguments', () => {
    expect(parse('verb=Identify')).toMatchObject({ ok: true, request: { verb: 'Identify' } });
    expect(parse('verb=GetRecord&identifier=oai:a.org:x&metadataPrefix=oai_dc')).toMatchObject({ ok: true, args: { verb: 'GetRecord', identifier: 'oai:a.org:x', metadataPrefix: 'oai_dc' } });
    expect(parse('verb=ListRecords&resumptionToken=abc')).toMatchObject({ ok: true, request: { verb: 'ListRecords', resumptionToken: 'abc' } });
    expect(parse('verb=ListSets')).toMatchObject({ ok: true });
  });

  it('refuses what the specification refuses, with its code', () => {
    expect(parse('verb=ListSets&set=a')).toMatchObject({ ok: false, error: { code: 'badArgument' } });
    expect(parse('verb=ListRecords&metadataPrefix=a%20b')).toMatchObject({ ok: false, error: { code: 'badArgument' } });
    expect(parse('verb=ListIdentifiers&resumptionToken=x&from=2020-01-01')).toMatchObject({ ok: false, error: { code: 'badArgument' } });
    expect(parse('verb=listrecords')).toMatchObject({ ok: false, error: { code: 'badVerb' } });
  });

  it('turns from and until into inclusive bounds at their granularity', () => {
    expect(parseRange('2020-02-29', '2020-02-29')).toEqual({ fromIso: '2020-02-29T00:00:00.000Z', untilIso: '2020-03-01T00:00:00.000Z' });
    expect(parseRange('2020-01-01T23:59:59Z', undefined)).toEqual({ fromIso: '2020-01-01T23:59:59.000Z' });
    expect(parseRange(undefined, '2020-01-01T23:59:59Z')).toEqual({ untilIso: '2020-01-02T00:00:00.000Z' });
    expect(typeof parseRange('2021-02-29', undefined)).toBe('string');
    expect(typeof parseRange('2020-01-01T24:00:00Z', undefined)).toBe('string');
  });
});

describe('OAI-PMH resumption tokens', () => {
  const secret = Buffer.alloc(32, 1);
  const state: ListState = { verb: 'ListRecords', metadataPrefix: 'oai_dc', after: ['2020-01-01T00:00:00.000Z', 7], cursor: 500, completeListSize: 1200, expires: Date.now() + 60_000 };

  it('round-trips a state, and refuses it tampered, re-signed or expired', () => {
    const token = encodeToken(state, secret);
    expect(decodeToken(token, secret)).toEqual(state);
    const body = Buffer.from(JSON.stringify({ ...state, cursor: 0 })).toString('base64url');
    expect(decodeToken(`${body}.${token.split('.')[1]}`, secret)).toBeNull();
    expect(decodeToken(token, Buffer.alloc(32, 2))).toBeNull();
    expect(decodeToken(token, secret, state.expires)).toBeNull();
  });
});

describe('OAI-PMH XML helpers', () => {
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(esc('a<b>&"c"\u0000\u0007\uFFFE\uD800 ok 😀')).toBe('a&lt;b&gt;&amp;&quot;c&quot; ok 😀');
    expect(datestamp('2020-01-01T10:00:00.999Z')).toBe('2020-01-01T10:00:00Z');
  });

  it('maps BCP 47 tags to MARC language codes', () => {
    expect(marcLanguage('zh-Hant')).toBe('chi');
    expect(marcLanguage('sog')).toBe('sog');
    expect(marcLanguage('xx')).toBeNull();
  });
});

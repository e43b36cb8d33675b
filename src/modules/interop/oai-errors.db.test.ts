import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { loadConfig } from '../../config/config';
import { encodeToken, decodeToken, tokenSecret } from './oai-token';
import { buildOaiApp, errorCode, resumption, schemaProblems } from './oai-schema.test-support';

const PUBLIC_URL = 'https://heritage.example.org';

describe('OAI-PMH protocol errors', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let recordId = '';
  let token = '';
  const answer = async (query: string) => {
    const res = await app.inject({ method: 'GET', url: `/oai?${query}` });
    expect(res.statusCode).toBe(200);
    expect(schemaProblems(res.body), res.body).toEqual([]);
    return res.body;
  };
  const expectError = async (query: string, code: string, echoes = true) => {
    const xml = await answer(query);
    expect(errorCode(xml), `${query}\n${xml}`).toBe(code);
    // badVerb and badArgument answers carry no attributes on the request element (section 3.2).
    expect(/<request>/.test(xml), xml).toBe(!echoes);
    return xml;
  };

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: PUBLIC_URL });
    app = await buildOaiApp(t.store, loadConfig({ HERITAGE_DEMO: 'off', HERITAGE_PUBLIC_URL: PUBLIC_URL }), 2);
    const inst = await newInstitution(t.store);
    for (let i = 0; i < 3; i++) recordId = (await newRecord(t.store, { institutionId: inst.id })).id;
    token = resumption(await answer('verb=ListIdentifiers&metadataPrefix=oai_dc'))!.token;
    expect(token).not.toBe('');
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('proves the schema check can fail', () => {
    expect(schemaProblems('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><bogus/></OAI-PMH>').length).toBeGreaterThan(0);
  });

  it('answers a valid Identify on a node without a domain name (no oai-identifier description)', async () => {
    const local = await buildOaiApp(t.store, loadConfig({ HERITAGE_DEMO: 'off' }), 2);
    try {
      const xml = (await local.inject({ method: 'GET', url: '/oai?verb=Identify' })).body;
      expect(schemaProblems(xml)).toEqual([]);
      expect(xml).toContain('<baseURL>http://localhost:3000/oai</baseURL>');
      expect(xml).not.toContain('oai-identifier');
    } finally {
      await local.close();
    }
  });

  it('answers badVerb for a missing, illegal or repeated verb', async () => {
    await expectError('', 'badVerb', false);
    await expectError('verb=Frobnicate', 'badVerb', false);
    await expectError('verb=Identify&verb=Identify', 'badVerb', false);
  });

  it('answers badArgument for illegal, repeated, missing and malformed arguments', async () => {
    await expectError('verb=Identify&metadataPrefix=oai_dc', 'badArgument', false);
    await expectError('verb=ListRecords', 'badArgument', false);
    await expectError('verb=GetRecord&metadataPrefix=oai_dc', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument', false);
    await expectError(`verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=${token}`, 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.5Z', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-02T00:00:00Z', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-02&until=2020-01-01', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&set=a%20b', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=', 'badArgument', false);
    await expectError('verb=ListRecords&metadataPrefix=a%20b', 'badArgument', false);
    await expectError('verb=ListSets&metadataPrefix=oai_dc', 'badArgument', false);
  });

  it('answers badResumptionToken for a tampered, expired or foreign token', async () => {
    const tampered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    await expectError(`verb=ListIdentifiers&resumptionToken=${tampered}`, 'badResumptionToken');
    await expectError('verb=ListIdentifiers&resumptionToken=garbage', 'badResumptionToken');
    await expectError(`verb=ListRecords&resumptionToken=${token}`, 'badResumptionToken');
    const secret = await tokenSecret(t.store.db);
    const state = decodeToken(token, secret)!;
    const expired = encodeToken({ ...state, expires: Date.now() - 1000 }, secret);
    await expectError(`verb=ListIdentifiers&resumptionToken=${expired}`, 'badResumptionToken');
    const forged = encodeToken(state, Buffer.alloc(32, 7));
    await expectError(`verb=ListIdentifiers&resumptionToken=${forged}`, 'badResumptionToken');
  });

  it('answers cannotDisseminateFormat for an unknown prefix', async () => {
    await expectError('verb=ListRecords&metadataPrefix=ead', 'cannotDisseminateFormat');
    await expectError('verb=ListIdentifiers&metadataPrefix=mods', 'cannotDisseminateFormat');
    await expectError(`verb=GetRecord&metadataPrefix=mods&identifier=oai:heritage.example.org:${recordId}`, 'cannotDisseminateFormat');
  });

  it('answers idDoesNotExist for unknown or foreign identifiers', async () => {
    await expectError('verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:heritage.example.org:r-missing', 'idDoesNotExist');
    await expectError(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.org:${recordId}`, 'idDoesNotExist');
    await expectError('verb=ListMetadataFormats&identifier=not-an-identifier', 'idDoesNotExist');
  });

  it('answers noRecordsMatch when the selection is empty', async () => {
    await expectError('verb=ListRecords&metadataPrefix=oai_dc&until=2000-01-01', 'noRecordsMatch');
    await expectError('verb=ListIdentifiers&metadataPrefix=marcxml', 'noRecordsMatch');
    await expectError('verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution:nobody', 'noRecordsMatch');
  });
});

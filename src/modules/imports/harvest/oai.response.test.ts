import { describe, expect, it } from 'vitest';
import { MalformedInputError } from '../import.types';
import { atGranularity } from './harvest.job';
import { HarvestError, isPrivateAddress } from './oai.fetch';
import { parseIdentify, parseListRecords, parseMetadataFormats } from './oai.response';
import { arxiv, sickle } from './oai.test-server';

const URL_ = 'http://test.example.com/oai';

describe('OAI-PMH responses', () => {
  it('reads Identify: name, granularity, earliest datestamp, deleted-record policy', async () => {
    expect(await parseIdentify(sickle('Identify.xml'), URL_)).toEqual({
      repositoryName: 'A Test Repository',
      baseURL: 'http://test.example.com/oai',
      protocolVersion: '2.0',
      earliestDatestamp: '1970-01-01T00:00:00Z',
      granularity: 'YYYY-MM-DD',
      deletedRecord: 'persistent',
      responseDate: '2013-02-27T10:01:15Z',
    });
    expect((await parseIdentify(arxiv('identify---should-identify-arxiv-0.xml'), URL_)).repositoryName).toBe('arXiv');
  });

  it('lists the offered metadata prefixes', async () => {
    expect(await parseMetadataFormats(sickle('ListMetadataFormats.xml'), URL_)).toEqual(['epicur', 'xMetaDissPlus', 'oai_dc', 'mods', 'swepub_mods']);
  });

  it('reads a ListRecords page: headers, deletions, metadata markup and the resumption token', async () => {
    const page = await parseListRecords(sickle('ListRecords.xml'), URL_);
    expect(page).toMatchObject({ responseDate: '2013-02-27T09:10:56Z', resumptionToken: 'ListRecords2.xml', completeListSize: 8, noRecordsMatch: false });
    expect(page.records.map(({ xml, ...r }) => ({ ...r, hasXml: !!xml }))).toEqual([
      { identifier: 'oai:test.example.com:1585310', datestamp: '2011-07-18T16:31:00Z', deleted: true, line: 7, hasXml: false },
      { identifier: 'oai:test.example.com:1585322', datestamp: '2011-01-10T10:19:23Z', deleted: false, line: 13, hasXml: true },
    ]);
    expect(page.records[1].xml).toMatch(/<oai_dc:dc [^>]*xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/"/);
    expect((await parseListRecords(sickle('ListRecords4.xml'), URL_)).resumptionToken).toBeNull();
  });

  it('turns every OAI-PMH error code but noRecordsMatch into a failure carrying the code and message', async () => {
    for (const code of ['badArgument', 'badResumptionToken', 'cannotDisseminateFormat', 'idDoesNotExist', 'noSetHierarchy']) {
      const err = await parseListRecords(sickle(`${code}.xml`), URL_).catch((e) => e);
      expect(err, code).toBeInstanceOf(HarvestError);
      expect(err.oaiCode).toBe(code);
      expect(err.message).toContain(`OAI-PMH error ${code}`);
    }
    expect(await parseListRecords(sickle('noRecordsMatch.xml'), URL_)).toMatchObject({ noRecordsMatch: true, records: [], resumptionToken: null });
  });

  it('stops on a broken or truncated page with a MalformedInputError naming the position', async () => {
    const broken = await parseListRecords(sickle('ListRecordsBroken.xml'), URL_).catch((e) => e);
    expect(broken).toBeInstanceOf(MalformedInputError);
    expect(broken.position.line).toBe(1);
    const full = sickle('ListRecords2.xml');
    const cut = await parseListRecords(full.subarray(0, 1200), URL_).catch((e) => e);
    expect(cut).toBeInstanceOf(MalformedInputError);
    expect(cut.position.line).toBeGreaterThan(10);
  });

  it('refuses an HTML answer to Identify as not OAI-PMH', async () => {
    const err = await parseIdentify(arxiv('listrecords---should-list-identifiers-from-arxiv-0.http503.html'), URL_).catch((e) => e);
    expect(err).toBeInstanceOf(HarvestError);
    expect(err.message).toMatch(/did not answer OAI-PMH 2\.0: no responseDate .*Retry after 10 seconds/);
  });

  it('writes datestamps at the repository’s granularity', () => {
    expect(atGranularity('2013-02-27T09:10:56Z', 'YYYY-MM-DD')).toBe('2013-02-27');
    expect(atGranularity('2013-02-27T09:10:56.123Z', 'YYYY-MM-DDThh:mm:ssZ')).toBe('2013-02-27T09:10:56Z');
    expect(atGranularity('2013-02-27', 'YYYY-MM-DDThh:mm:ssZ')).toBe('2013-02-27');
  });

  it('knows loopback, private, link-local and mapped addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '151.101.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { deleteRecord, getRecord, updateRecord } from '../records/record.service';
import type { RecordInput } from '../records/record.schema';
import { errorCode, schemaProblems, texts } from './oai-schema.test-support';

const PUBLIC_URL = 'https://node.example.org';
const oaiId = (id: string) => `oai:node.example.org:${id}`;

/** What harvesters learn of records that change visibility, get embargoed, or whose embargo ends. */
describe('OAI-PMH and the public trace of records', () => {
  let t: TestApp;
  let institutionId = '';
  const oai = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/oai?${query}` });
    expect(schemaProblems(res.body), res.body.slice(0, 1500)).toEqual([]);
    return res.body;
  };
  const header = (xml: string, id: string) => new RegExp(`<header( status="deleted")?><identifier>${oaiId(id)}</identifier><datestamp>([^<]+)</datestamp>`).exec(xml);
  const edit = async (id: string, change: Partial<RecordInput>) => {
    const r = await getRecord(t.store, SYSTEM_ADMIN, id);
    const { country: _c, hasMedia: _h, version, createdAt: _ca, updatedAt: _u, deletedAt: _d, ...input } = r;
    return updateRecord(t.store, SYSTEM_ADMIN, id, { ...(input as RecordInput), ...change }, version);
  };

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: PUBLIC_URL });
    institutionId = (await newInstitution(t.store)).id;
  });
  afterAll(async () => t?.close());

  it('announces a public record made private as deleted, dated at the change', async () => {
    const r = await newRecord(t.store, { institutionId, title: { en: ['Soon private'] } });
    expect(header(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(r.id)}`), r.id)?.[1]).toBeUndefined();
    const hidden = await edit(r.id, { visibility: 'private' });
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(r.id)}`);
    expect(header(xml, r.id)?.[1]).toBe(' status="deleted"');
    expect(header(xml, r.id)?.[2]).toBe(hidden.updatedAt.replace(/\.\d+Z$/, 'Z'));
    expect(xml).not.toContain('Soon private');
    const list = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${hidden.updatedAt.slice(0, 19)}Z`);
    expect(header(list, r.id)?.[1]).toBe(' status="deleted"');
    // Made public again, it is live again.
    await edit(r.id, { visibility: 'public' });
    expect(header(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(r.id)}`), r.id)?.[1]).toBeUndefined();
  });

  it('never reveals a record that was never public, even once it is deleted', async () => {
    const r = await newRecord(t.store, { institutionId, title: { en: ['Always private'] }, visibility: 'private' });
    await edit(r.id, { visibility: 'members' });
    await deleteRecord(t.store, SYSTEM_ADMIN, r.id);
    expect(errorCode(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(r.id)}`))).toBe('idDoesNotExist');
    expect(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')).not.toContain(r.id);
  });

  it('dates a record at the end of its embargo, so an incremental harvest after that picks it up', async () => {
    const r = await newRecord(t.store, { institutionId, title: { en: ['Embargo ended'] }, embargoUntil: '2999-01-01T00:00:00.000Z' });
    expect(errorCode(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(r.id)}`))).toBe('idDoesNotExist');
    // The embargo ends (the clock passes it): stand the embargo in the recent past, as if time had moved on.
    const ended = new Date(Date.now() - 1000).toISOString();
    const lastHarvest = new Date(Date.now() - 60_000).toISOString();
    await t.store.db.updateTable('record').set({ embargo_until: ended, updated_at: lastHarvest, public_at: ended }).where('id', '=', r.id).execute();
    const xml = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${lastHarvest.slice(0, 19)}Z`);
    expect(header(xml, r.id)?.[2]).toBe(`${ended.slice(0, 19)}Z`);
  });

  it('records the embargo end as the datestamp when a public record is saved under embargo', async () => {
    const r = await newRecord(t.store, { institutionId, title: { en: ['Embargoed'] }, embargoUntil: '2999-01-01T00:00:00.000Z' });
    const row = await t.store.db.selectFrom('record').select(['public_at', 'ever_public']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ public_at: '2999-01-01T00:00:00.000Z', ever_public: 0 });
    expect(texts(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc'), 'identifier')).not.toContain(oaiId(r.id));
  });

  it('announces a seen record put back under embargo as deleted now', async () => {
    const r = await newRecord(t.store, { institutionId, title: { en: ['Re-embargoed'] } });
    await edit(r.id, { embargoUntil: '2999-01-01T00:00:00.000Z' });
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(r.id)}`);
    expect(header(xml, r.id)?.[1]).toBe(' status="deleted"');
    expect(xml).not.toContain('Re-embargoed');
  });

  it('never names a hidden record among the relations of a public one, in any format', async () => {
    const secret = await newRecord(t.store, { institutionId, title: { en: ['Secret part'] }, visibility: 'private' });
    const open = await newRecord(t.store, { institutionId, title: { en: ['Open part'] } });
    const whole = await newRecord(t.store, {
      institutionId,
      kind: 'manuscript',
      title: { en: ['Whole'] },
      relations: [
        { type: 'hasPart', target: secret.id },
        { type: 'hasPart', target: open.id },
      ],
    });
    for (const prefix of ['oai_dc', 'marcxml', 'lido']) {
      const xml = await oai(`verb=GetRecord&metadataPrefix=${prefix}&identifier=${oaiId(whole.id)}`);
      expect(xml, prefix).not.toContain(secret.id);
      if (prefix === 'oai_dc') expect(xml).toContain(open.id);
    }
    const list = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    expect(list).not.toContain(secret.id);
  });
});


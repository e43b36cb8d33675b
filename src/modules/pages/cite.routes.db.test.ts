import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord } from '../../../test/helpers/factories';

describe('citation downloads', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: 'https://heritage.example.org' });
    const inst = await newInstitution(t.store, { name: { en: ['Silk Road Museum'], fr: ['Musée de la route de la soie'] } });
    ids.open = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Bowl with fish'], fr: ['Bol aux poissons'] }, agents: [{ name: { en: ['Unknown potter'] }, role: 'maker' }], date: { display: '15th century' } })).id;
    ids.hidden = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Private'] }, visibility: 'private' })).id;
  });
  afterAll(() => t?.close());

  it('sends RIS and BibTeX files for reference managers, in the language asked for', async () => {
    const ris = await t.app.inject({ method: 'GET', url: `/records/${ids.open}/cite.ris?lang=fr` });
    expect(ris.statusCode).toBe(200);
    expect(ris.headers['content-type']).toBe('application/x-research-info-systems; charset=utf-8');
    expect(ris.headers['content-disposition']).toBe(`attachment; filename="${ids.open}.ris"`);
    expect(ris.body).toContain('TI  - Bol aux poissons\r\n');
    expect(ris.body).toContain('PB  - Musée de la route de la soie\r\n');
    expect(ris.body).toContain(`UR  - https://heritage.example.org/records/${ids.open}\r\n`);
    const bib = await t.app.inject({ method: 'GET', url: `/records/${ids.open}/cite.bib` });
    expect(bib.statusCode).toBe(200);
    expect(bib.body).toMatch(/^@misc\{/);
    expect(bib.body).toContain('author = {Unknown potter}');
  });

  it('answers 404 for a record the visitor may not see, an unknown format, or a bad id', async () => {
    for (const url of [`/records/${ids.hidden}/cite.ris`, `/records/${ids.open}/cite.pdf`, '/records/no%20such/cite.ris', '/records/missing/cite.bib']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    // NUL never reaches a route (refused with 400 for every path).
    expect((await t.app.inject({ method: 'GET', url: '/records/nope%00/cite.ris' })).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';

describe('records linked to remote IIIF manifests', () => {
  let t: TestApp;
  let inst: string;
  let curator: Awaited<ReturnType<typeof newUser>>;

  beforeAll(async () => {
    t = await buildTestApp();
    inst = (await newInstitution(t.store)).id;
    curator = await newUser(t.store, { role: 'curator', institutionId: inst });
  });
  afterAll(() => t.close());

  const create = (iiifManifests: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${curator.token}` }, payload: { institutionId: inst, kind: 'manuscript', title: { en: ['Held elsewhere'] }, iiifManifests } });

  it('keeps the manifest URLs on the record, and refuses what is not an http(s) URL, naming the field', async () => {
    const ok = await create(['https://iiif.example.org/or8210/manifest.json']);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().iiifManifests).toEqual(['https://iiif.example.org/or8210/manifest.json']);
    const bad = await create(['javascript:alert(1)']);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.problems)).toContain('iiifManifests');
  });

  it('widens the content security policy of that record page only, to the manifest origin and https images', async () => {
    const id = (await create(['https://iiif.example.org/or8210/manifest.json'])).json().id;
    const page = await t.app.inject({ url: `/records/${id}` });
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("img-src 'self' data: https: https://iiif.example.org");
    expect(csp).toContain("connect-src 'self' https: https://iiif.example.org");
    expect(csp).toContain("script-src 'self';");
    expect(page.body).toContain('data-manifests="[&quot;https://iiif.example.org/or8210/manifest.json&quot;]"');
    const home = await t.app.inject({ url: '/' });
    expect(home.headers['content-security-policy']).toContain("img-src 'self' data:;");
  });
});

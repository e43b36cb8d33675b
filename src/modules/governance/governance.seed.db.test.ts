import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { PUBLIC, SYSTEM_ACTOR } from '../accounts/actor';
import { readDemoDataset } from '../demo/demo.dataset';
import { createInstitution } from '../institutions/institution.service';
import type { Store } from '../records/record.store';
import { listAgreements } from './agreement.service';
import { getAlliance, membersOn } from './alliance.service';
import { governanceDemoSeed } from './governance.seed';
import { listMeetings } from './meeting.service';
import { getResolution, listResolutions } from './resolution.service';

describe(`the demo alliance (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let store: Store;
  const dataset = { ...readDemoDataset(), records: [] };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    for (const inst of dataset.institutions) await createInstitution(store.db, SYSTEM_ACTOR, inst);
  });
  afterAll(() => tdb?.destroy());

  it('seeds an alliance with its tiers, members, meetings with a revised declaration, and agreements — once', async () => {
    await governanceDemoSeed.run(store, dataset);
    await governanceDemoSeed.run(store, dataset);
    const alliance = await getAlliance(store.db, 'demo-alliance');
    expect(alliance.tiers.map((t) => t.code)).toEqual(['member-state', 'partner-state', 'observer-state', 'member-institution', 'associate']);
    const members = await membersOn(store.db, alliance.id, '2024-06-01');
    expect(members.find((m) => m.key === 'state:JP')?.tierId).toBe('demo-alliance.partner-state');
    expect(members.filter((m) => m.kind === 'institution').length).toBe(dataset.institutions.length);
    expect(await listMeetings(store.db, PUBLIC, alliance.id)).toHaveLength(1);
    expect(await listMeetings(store.db, SYSTEM_ACTOR, alliance.id)).toHaveLength(2);
    const [declaration] = await listResolutions(store.db, PUBLIC, { allianceId: alliance.id });
    expect(declaration.version).toBe(2);
    expect((await getResolution(store.db, PUBLIC, declaration.id, 1)).shown.body.en[0]).not.toContain('reunite');
    expect(await listAgreements(store, PUBLIC, alliance.id)).toHaveLength(2);
  });
});

import { SYSTEM_ACTOR } from '../accounts/actor';
import type { DemoSeed } from '../demo/demo.seeds';
import type { DemoDataset } from '../demo/demo.dataset';
import type { MediaStore } from '../media/media.storage';
import { recordRepository } from '../records/record.repository';
import type { Store } from '../records/record.store';
import { saveAssessment } from './assessment.service';
import { advanceMatch, createOffer, createRequest, proposeMatch } from './help.service';
import { createIncident, linkSite } from './incident.service';
import { addThreat, saveEntry } from './risk-register.service';
import { riskRegisterRepository } from './risk-register.repository';

const SAMARKAND = 'demo-samarkand-library';
const CLASSICS = 'demo-silk-road-classics-library';
const KYOTO = 'demo-kyoto-university-library';
const INCIDENT_TITLE = 'Earthquake in the Zarafshan valley';

// Records of the demo catalogue (the demo adds none of its own, so its counts stay those of the dataset).
const BOOK = 'demo-marc-001';
const SECOND_BOOK = 'demo-marc-002';
const ANALECTS = 'demo-classics-lunyu';

/** Demo seeds add no photos: a store that is never written. */
const NO_FILES: MediaStore = {
  put: () => Promise.reject(new Error('the risk demo adds no files')),
  putFile: () => Promise.reject(new Error('the risk demo adds no files')),
  open: () => {
    throw new Error('the risk demo adds no files');
  },
  delete: async () => undefined,
  exists: async () => false,
};

/** The heritage-at-risk demo: a register with threats, an incident with two assessments over time, and help matched to a request. */
export const riskDemoSeed: DemoSeed = {
  name: 'risk',
  async run(store: Store, dataset: DemoDataset) {
    const have = new Set(dataset.institutions.map((i) => i.id));
    if (![SAMARKAND, CLASSICS, KYOTO].every((id) => have.has(id))) return;
    const actor = SYSTEM_ACTOR;
    for (const id of [BOOK, SECOND_BOOK, ANALECTS]) if (!(await recordRepository.findAny(store.db, id))) return;

    const register: [string, { condition: string; trend: string; priority: string; lastInspection: string }, [string, string | null, string][]][] = [
      [BOOK, { condition: 'poor', trend: 'declining', priority: 'urgent', lastInspection: '2026-10-29' }, [['sudden', 'earthquake', 'Shelves fell in the reading room during the October earthquake.'], ['local-conditions', 'humidity', 'A burst pipe soaked the lower shelves.']]],
      [SECOND_BOOK, { condition: 'fair', trend: 'declining', priority: 'high', lastInspection: '2026-10-29' }, [['local-conditions', 'water', 'Water stains on the lower edge of the text block.']]],
      [ANALECTS, { condition: 'fair', trend: 'stable', priority: 'medium', lastInspection: '2026-05-12' }, [['local-conditions', 'pests', 'Signs of silverfish in the storeroom.'], ['management', 'finance', 'No budget yet for climate control.']]],
    ];
    for (const [recordId, entry, threats] of register) {
      const fresh = !(await riskRegisterRepository.findByRecord(store.db, recordId));
      await saveEntry(store, actor, recordId, entry);
      if (fresh) for (const [primary, secondary, description] of threats) await addThreat(store, actor, recordId, { primary, secondary, description });
    }

    if (await store.db.selectFrom('risk_incident').select('id').where('title', '=', INCIDENT_TITLE).executeTakeFirst()) return;
    const incident = await createIncident(store, actor, {
      title: INCIDENT_TITLE,
      kind: 'earthquake',
      status: 'responding',
      date: '2026-10-14/..',
      area: { type: 'Polygon', coordinates: [[[66.6, 39.4], [67.4, 39.4], [67.4, 39.9], [66.6, 39.9], [66.6, 39.4]]] },
      description: 'A magnitude 5.8 earthquake damaged historic buildings and library collections in and around Samarkand.',
      institutionId: SAMARKAND,
    });
    await linkSite(store, actor, incident.id, BOOK);
    await linkSite(store, actor, incident.id, SECOND_BOOK);
    const deps = { store, files: NO_FILES, maxPixels: 0 };
    const base = { recordId: BOOK, assessor: 'Dilnoza Karimova' };
    await saveAssessment(deps, actor, incident.id, { ...base, damageTypes: ['displacement', 'water'], extent: 'limited', severity: 'moderate', stability: 'at-risk', assessedOn: '2026-10-15', urgentActions: 'Move the books out of the reading room; interleave the wet volumes.' }, { submit: true });
    await saveAssessment(deps, actor, incident.id, { ...base, damageTypes: ['water', 'biological'], extent: 'partial', severity: 'severe', stability: 'unstable', assessedOn: '2026-10-29', urgentActions: 'Freeze the wet volumes before mould spreads; find dry temporary storage.' }, { submit: true });

    const request = await createRequest(store, actor, {
      institutionId: SAMARKAND,
      incidentId: incident.id,
      recordId: BOOK,
      kind: 'expert',
      title: 'Paper conservators for water-damaged books',
      skill: 'paper conservation',
      languages: ['ru', 'en'],
      quantity: 10,
      unit: 'expert-weeks',
      from: '2026-11-01',
      until: '2027-03-31',
    });
    const offers = [
      await createOffer(store, actor, { institutionId: KYOTO, kind: 'expert', title: 'Two paper conservators', skill: 'paper and book conservation', languages: ['ja', 'en'], quantity: 4, unit: 'expert-weeks', from: '2026-10-20', until: '2027-02-28' }),
      await createOffer(store, actor, { institutionId: CLASSICS, kind: 'expert', title: 'Conservator of rare books', skill: 'conservation of paper', languages: ['zh', 'ru'], quantity: 3, unit: 'expert-weeks', from: '2026-11-15', until: '2027-04-30' }),
    ];
    for (const [i, offer] of offers.entries()) {
      const match = await proposeMatch(store, actor, { requestId: request.id, offerId: offer.id });
      await advanceMatch(store, actor, match.id, 'accept');
      if (i === 0) await advanceMatch(store, actor, match.id, 'deliver');
    }
  },
};

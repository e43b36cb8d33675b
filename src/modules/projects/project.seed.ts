import { SYSTEM_ACTOR } from '../accounts/actor';
import type { DemoSeed } from '../demo/demo.seeds';
import type { DemoDataset } from '../demo/demo.dataset';
import type { Store } from '../records/record.store';
import { createAnalysis } from './analysis.service';
import { createNeed, pledge } from './need.service';
import { addMilestone, addOutput, publishUpdate, setMilestoneDone } from './project.content';
import { createProject, type ProjectInput } from './project.service';

type DemoProject = ProjectInput & { id: string; milestones?: [string, string, boolean][]; records?: [string, 'studied' | 'restored' | 'digitised'][]; update?: [string, string] };

const CLASSICS = 'demo-silk-road-classics-library';
const SAMARKAND = 'demo-samarkand-library';
const KYOTO = 'demo-kyoto-university-library';
const TATE = 'tate';

const PROJECTS: DemoProject[] = [
  {
    id: 'demo-prj-cave-library',
    kind: 'digitisation',
    status: 'active',
    title: { en: ['One digital library of the cave manuscripts'], zh: ['藏经洞写本数字图书馆'], fr: ['Une bibliothèque numérique des manuscrits de la grotte'] },
    summary: { en: ['Manuscripts from one cave library, now scattered over several countries, are digitised by their holders and shared as one collection.'], zh: ['现分散于多国的藏经洞写本由各收藏机构数字化，并作为一个整体共享。'] },
    ownerInstitutionId: CLASSICS,
    startDate: '2022-03',
    endDate: '2027',
    partners: [{ institutionId: KYOTO, role: 'partner' }, { institutionId: TATE, role: 'partner' }, { name: 'National Cultural Heritage Administration', countryCode: 'CN', role: 'funder' }],
    sites: [{ name: 'Mogao Caves, Dunhuang', countryCode: 'CN', lat: 40.0425, lon: 94.8073 }],
    milestones: [['Survey of holdings in each country', '2022-12', true], ['Shared cataloguing rules agreed', '2023-06', true], ['Half of the manuscripts online', '2025-12', false]],
    records: [['demo-classics-lunyu', 'digitised'], ['demo-classics-lunyu-01', 'digitised']],
    update: ['First thousand leaves online', 'The partners have published the first thousand digitised leaves, with shared descriptions in Chinese and English.'],
  },
  {
    id: 'demo-prj-samarkand-madrasa',
    kind: 'restoration',
    status: 'active',
    title: { en: ['Restoring the library hall of a Samarkand madrasa'], ru: ['Реставрация библиотечного зала самаркандского медресе'], fr: ['Restauration de la salle de bibliothèque d’une madrasa de Samarcande'] },
    summary: { en: ['Conservation of the painted ceiling and the wooden shelving of the historic library hall.'] },
    ownerInstitutionId: SAMARKAND,
    startDate: '2023-04',
    endDate: '2026-10',
    partners: [{ institutionId: CLASSICS, role: 'partner' }, { name: 'Ministry of Culture of Uzbekistan', countryCode: 'UZ', role: 'host' }, { name: 'Agency for Cultural Affairs', countryCode: 'JP', role: 'funder' }],
    sites: [{ name: 'Registan, Samarkand', countryCode: 'UZ', lat: 39.6547, lon: 66.9758 }],
    milestones: [['Condition survey of the ceiling', '2023-09', true], ['Pigment and wood analyses', '2024-03', true], ['Ceiling conservation', '2025-10', false]],
    update: ['Scaffolding in the library hall', 'Conservators from three countries have begun work on the painted ceiling.'],
  },
  {
    id: 'demo-prj-khmer-temple',
    kind: 'restoration',
    status: 'completed',
    title: { en: ['Conserving the east gallery of a Khmer temple'], fr: ['Conservation de la galerie est d’un temple khmer'] },
    summary: { en: ['Stabilisation of the sandstone gallery and its carved lintels, with training of local conservators.'] },
    ownerInstitutionId: CLASSICS,
    startDate: '2019',
    endDate: '2023',
    partners: [{ name: 'APSARA National Authority', countryCode: 'KH', role: 'host' }, { institutionId: KYOTO, role: 'partner' }],
    sites: [{ name: 'Angkor', countryCode: 'KH', lat: 13.4125, lon: 103.867 }],
  },
  {
    id: 'demo-prj-silk-road-survey',
    kind: 'excavation',
    status: 'active',
    title: { en: ['Joint survey of caravan stations on the Silk Road'], zh: ['丝绸之路驿站联合考古调查'], ru: ['Совместная разведка караван-сараев Шёлкового пути'] },
    summary: { en: ['Archaeologists from four countries map and date caravan stations between the Tianshan and the Zarafshan valley.'] },
    ownerInstitutionId: SAMARKAND,
    startDate: '2024',
    partners: [{ institutionId: CLASSICS, role: 'partner' }, { name: 'Institute of Archaeology, Almaty', countryCode: 'KZ', role: 'partner' }, { name: 'National Academy of Sciences', countryCode: 'KG', role: 'partner' }],
    sites: [
      { name: 'Zarafshan valley', countryCode: 'UZ', lat: 39.5, lon: 67.6 },
      { name: 'Chuy valley', countryCode: 'KG', lat: 42.85, lon: 74.6 },
      { name: 'Talgar', countryCode: 'KZ', lat: 43.3, lon: 77.24 },
    ],
  },
  {
    id: 'demo-prj-wood-lab',
    kind: 'laboratory',
    status: 'active',
    title: { en: ['Joint laboratory for wood identification and dating'], zh: ['木材鉴定与测年联合实验室'] },
    summary: { en: ['A university and a heritage-science foundation identify wood species, date timbers and advise on mural conservation.'] },
    ownerInstitutionId: KYOTO,
    startDate: '2021-09',
    partners: [{ institutionId: CLASSICS, role: 'partner' }],
    sites: [{ name: 'Kyoto', countryCode: 'JP', lat: 35.0116, lon: 135.7681 }],
  },
  {
    id: 'demo-prj-conservators-school',
    kind: 'training',
    status: 'planned',
    title: { en: ['Summer school for paper conservators'], fr: ['École d’été pour restaurateurs de papier'], es: ['Escuela de verano para restauradores de papel'] },
    ownerInstitutionId: TATE,
    startDate: '2026-07',
    endDate: '2026-08',
    partners: [{ institutionId: SAMARKAND, role: 'partner' }],
    sites: [{ name: 'London', countryCode: 'GB', lat: 51.4911, lon: -0.1275 }],
  },
  {
    id: 'demo-prj-earthquake-response',
    kind: 'emergency',
    status: 'completed',
    title: { en: ['Emergency stabilisation after the earthquake'], zh: ['地震后文物抢险加固'] },
    ownerInstitutionId: CLASSICS,
    startDate: '2023-02',
    endDate: '2023-06',
    partners: [{ name: 'Department of Archaeology', countryCode: 'NP', role: 'host' }],
    sites: [{ name: 'Kathmandu valley', countryCode: 'NP', lat: 27.7172, lon: 85.324 }],
  },
];

/**
 * The demo's projects: several kinds in several countries, with sites for the map, partners from
 * the demo institutions and state bodies, milestones, news, records as outputs, an analysis and needs
 * with a pledge. Idempotent: a project whose id exists is left alone.
 */
export const projectsDemoSeed: DemoSeed = {
  name: 'projects',
  async run(store: Store, dataset: DemoDataset) {
    const db = store.db;
    const institutions = new Set(dataset.institutions.map((i) => i.id));
    const records = new Set(dataset.records.flatMap((r) => (r.id ? [r.id] : [])));
    const actor = SYSTEM_ACTOR;
    for (const { milestones, records: outputs, update, ...p } of PROJECTS) {
      if (!institutions.has(p.ownerInstitutionId)) continue;
      if (await db.selectFrom('project').select('id').where('id', '=', p.id).executeTakeFirst()) continue;
      const partners = (p.partners ?? []).filter((x) => !x.institutionId || institutions.has(x.institutionId));
      const project = await createProject(db, actor, { ...p, partners });
      for (const [title, due, done] of milestones ?? []) {
        const m = await addMilestone(db, actor, project.id, { title: { en: [title] }, dueDate: due });
        if (done) await setMilestoneDone(db, actor, project.id, m.id, true);
      }
      for (const [recordId, relation] of outputs ?? []) if (records.has(recordId)) await addOutput(db, actor, project.id, { kind: 'record', recordId, relation });
      if (update) await publishUpdate(db, actor, project.id, { title: { en: [update[0]] }, body: { en: [update[1]] } });
    }
    await seedScience(store, institutions, records);
  },
};

async function seedScience(store: Store, institutions: Set<string>, records: Set<string>): Promise<void> {
  const db = store.db;
  const actor = SYSTEM_ACTOR;
  if (institutions.has(KYOTO) && !(await db.selectFrom('analysis').select('id').where('laboratory', '=', 'Joint Wood Laboratory, Kyoto').executeTakeFirst())) {
    if (records.has('demo-classics-lunyu') && (await db.selectFrom('project').select('id').where('id', '=', 'demo-prj-wood-lab').executeTakeFirst())) {
      await createAnalysis(db, actor, { institutionId: KYOTO, projectId: 'demo-prj-wood-lab', recordId: 'demo-classics-lunyu', method: 'wood-species', sample: 'Fibres from the wooden roller of the scroll', result: 'Paulownia (Paulownia tomentosa)', date: '2024-11-05', laboratory: 'Joint Wood Laboratory, Kyoto', people: ['Tanaka Aiko', 'Wang Lei'] });
    }
    if (await db.selectFrom('project').select('id').where('id', '=', 'demo-prj-samarkand-madrasa').executeTakeFirst()) {
      await createAnalysis(db, actor, { institutionId: KYOTO, projectId: 'demo-prj-wood-lab', site: 'Registan, Samarkand — library hall ceiling', method: 'dendrochronology', sample: 'Core from a ceiling beam', result: 'Last ring 1617; felled 1618–1625', date: '2024-02', laboratory: 'Joint Wood Laboratory, Kyoto', people: ['Tanaka Aiko'] });
      await createAnalysis(db, actor, { institutionId: KYOTO, projectId: 'demo-prj-wood-lab', site: 'Registan, Samarkand — library hall ceiling', method: 'pigment', sample: 'Blue paint layer, north bay', result: 'Natural ultramarine (lapis lazuli) over a gypsum ground', date: '2024-03', laboratory: 'Joint Wood Laboratory, Kyoto', people: ['Wang Lei'] });
    }
  }
  const madrasa = await db.selectFrom('project').select('id').where('id', '=', 'demo-prj-samarkand-madrasa').executeTakeFirst();
  if (madrasa && !(await db.selectFrom('need').select('id').where('project_id', '=', madrasa.id).executeTakeFirst())) {
    const funds = await createNeed(db, actor, { projectId: 'demo-prj-samarkand-madrasa', kind: 'funds', title: { en: ['Scaffolding and conservation materials'], ru: ['Леса и реставрационные материалы'] }, quantity: 45000, currency: 'USD', visibility: 'public', dueDate: '2025-12' });
    if (institutions.has(TATE)) await pledge(db, actor, funds.id, { institutionId: TATE, quantity: 15000, note: 'From the conservation department’s partnership fund' });
    await createNeed(db, actor, { projectId: 'demo-prj-samarkand-madrasa', kind: 'experts', skill: 'Conservation of painted wooden ceilings', title: { en: ['Two conservators of painted wood'] }, quantity: 2, visibility: 'members' });
    if (institutions.has(SAMARKAND)) await createNeed(db, actor, { institutionId: SAMARKAND, kind: 'equipment', title: { en: ['A book scanner with a V-shaped cradle'] }, quantity: 1, visibility: 'members' });
    if (await db.selectFrom('project').select('id').where('id', '=', 'demo-prj-conservators-school').executeTakeFirst()) {
      await createNeed(db, actor, { projectId: 'demo-prj-conservators-school', kind: 'training', title: { en: ['Places for conservators from member libraries'] }, quantity: 12, visibility: 'public' });
    }
  }
}

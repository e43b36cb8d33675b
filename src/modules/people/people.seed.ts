import type { Actor } from '../accounts/actor';
import { SYSTEM_ACTOR } from '../accounts/actor';
import { accountRepository } from '../accounts/account.repository';
import { actorForUser, createUser } from '../accounts/account.service';
import type { DemoSeed } from '../demo/demo.seeds';
import type { DemoDataset } from '../demo/demo.dataset';
import type { Store } from '../records/record.store';
import { createAward, listAwards, nominate, publishWinners, scoreNomination, startJudging } from './award.service';
import { createEvent, listEvents } from './event.service';
import { saveMyExpertEntry } from './expert.service';
import { createPractice, searchPractices } from './practice.service';
import { applyToCall, createCall, decideApplication, listCalls } from './training.service';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's people: three listed experts, an exchange call with a selected participant, a
 * live-streamed seminar and an online exhibition opening, a case study, and an award with its
 * published winner. Idempotent: each piece is skipped when its English title is there already.
 */
export const peopleDemoSeed: DemoSeed = {
  name: 'people',
  async run(store: Store, dataset: DemoDataset) {
    const ids = new Set(dataset.institutions.map((i) => i.id));
    const pick = (...candidates: string[]) => candidates.find((c) => ids.has(c)) ?? dataset.institutions[0]?.id;
    const library = pick('demo-silk-road-classics-library');
    const samarkand = pick('demo-samarkand-library');
    const kyoto = pick('demo-kyoto-university-library');
    if (!library || !samarkand || !kyoto) return;

    const li = await demoPerson(store, 'li.wen.demo@example.org', 'Li Wen', library);
    const nodira = await demoPerson(store, 'nodira.karimova.demo@example.org', 'Nodira Karimova', samarkand);
    const aiko = await demoPerson(store, 'aiko.sato.demo@example.org', 'Sato Aiko', kyoto);
    await saveMyExpertEntry(store, li, { name: 'Li Wen', bio: 'Conservator of paper and manuscripts; twenty years with Dunhuang scrolls.', skills: ['conservation-paper', 'rare-books', 'heritage-science'], languages: ['zh', 'en'], availability: 'available', institutionId: library, listed: true });
    await saveMyExpertEntry(store, nodira, { name: 'Nodira Karimova', bio: 'Manuscript cataloguer and digitisation lead.', skills: ['cataloguing', 'digitisation', 'rare-books'], languages: ['uz', 'ru', 'en'], availability: 'limited', institutionId: samarkand, listed: true });
    await saveMyExpertEntry(store, aiko, { name: 'Sato Aiko', bio: 'Wood-species identification and dendrochronology.', skills: ['conservation-wood', 'heritage-science'], languages: ['ja', 'en'], availability: 'available', institutionId: kyoto, listed: true });

    const callTitle = 'Manuscript conservation exchange, Samarkand–Dunhuang';
    if (!(await listCalls(store, SYSTEM_ACTOR, { institutionId: library })).some((c) => c.title.en?.[0] === callTitle)) {
      const call = await createCall(store, SYSTEM_ACTOR, {
        institutionId: library,
        kind: 'exchange',
        title: { en: [callTitle], zh: ['撒马尔罕—敦煌写本保护人员交流'], ru: ['Обмен реставраторами рукописей: Самарканд — Дуньхуан'] },
        summary: { en: ['Two conservators spend six weeks in each other’s workshops, working on paper manuscripts and their bindings.'] },
        location: 'Dunhuang',
        places: 2,
        deadline: day(45),
        startsOn: day(90),
        endsOn: day(132),
      });
      const application = await applyToCall(store, nodira, call.id, { statement: 'I care for the library’s Persian and Chagatai manuscripts and would like to learn Dunhuang’s paper repair methods.' });
      await decideApplication(store, SYSTEM_ACTOR, application.id, 'selected');
    }

    const month = day(35).slice(0, 7);
    const existing = (await listEvents(store, SYSTEM_ACTOR, { month })).events.map((e) => e.title.en?.[0]);
    const seminar = 'Live seminar: caring for wall paintings in caves';
    if (!existing.includes(seminar)) {
      await createEvent(store, SYSTEM_ACTOR, { institutionId: library, kind: 'livestream', title: { en: [seminar], zh: ['直播研讨会：石窟壁画的保护'] }, description: { en: ['Conservators from three countries on dust, salts and light.'] }, startsAt: `${month}-14T09:00`, endsAt: `${month}-14T11:00`, location: 'Online', url: 'https://example.org/live/cave-murals' });
    }
    const opening = 'Online exhibition opening: Paper of the Silk Road';
    if (!existing.includes(opening)) {
      await createEvent(store, SYSTEM_ACTOR, { institutionId: samarkand, kind: 'exhibition-opening', title: { en: [opening], ru: ['Открытие онлайн-выставки «Бумага Шёлкового пути»'] }, startsAt: `${month}-21`, allDay: true, location: 'Samarkand' });
    }

    const caseTitle = 'Humidifying and flattening a folded paper scroll';
    if (!(await searchPractices(store, SYSTEM_ACTOR, { q: 'humidifying flattening' })).some((c) => c.title.en?.[0] === caseTitle)) {
      const record = dataset.records.find((r) => r.institutionId === library);
      await createPractice(store, SYSTEM_ACTOR, {
        institutionId: library,
        title: { en: [caseTitle], zh: ['折叠纸本卷子的加湿与展平'] },
        problem: { en: ['A scroll folded for centuries had become brittle along its creases.'] },
        method: { en: ['Slow humidification in a chamber, then flattening between felts under light weights.'] },
        materials: { en: ['Gore-Tex, blotters, wheat-starch paste, Japanese tissue.'] },
        outcome: { en: ['The scroll opens flat and can be digitised.'] },
        lessons: { en: ['Test humidification on an unused margin first.'], zh: ['先在空白边缘试验加湿。'] },
        links: record?.id ? [{ kind: 'record', id: record.id }] : [],
      });
    }

    const awardTitle = 'Silk Road Heritage Care Award';
    if (!(await listAwards(store)).some((a) => a.title.en?.[0] === awardTitle)) {
      const award = await createAward(store, SYSTEM_ACTOR, { title: { en: [awardTitle], fr: ['Prix de la sauvegarde du patrimoine des routes de la soie'] }, description: { en: ['For a team whose work kept a collection alive.'] }, deadline: day(30), jurors: ['aiko.sato.demo@example.org'] });
      const winner = await nominate(store, li, award.id, { nominee: 'Samarkand manuscript team', citation: 'Catalogued and digitised 4,000 manuscripts in five years.' });
      await nominate(store, nodira, award.id, { nominee: 'Dunhuang paper workshop', citation: 'Trained forty conservators from member institutions.' });
      await startJudging(store, SYSTEM_ACTOR, award.id);
      await scoreNomination(store, aiko, winner.id, { score: 9 });
      await publishWinners(store, SYSTEM_ACTOR, award.id, [winner.id]);
    }
  },
};

async function demoPerson(store: Store, email: string, name: string, institutionId: string): Promise<Actor> {
  const found = await accountRepository.findUserByEmail(store.db, email);
  const id = found?.id ?? (await createUser(store.db, { email, name, institutionId, role: 'member' })).id;
  return (await actorForUser(store.db, id))!;
}

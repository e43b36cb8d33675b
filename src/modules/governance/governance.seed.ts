import { SYSTEM_ACTOR } from '../accounts/actor';
import type { DemoSeed } from '../demo/demo.seeds';
import type { DemoDataset } from '../demo/demo.dataset';
import type { Store } from '../records/record.store';
import { createAgreement } from './agreement.service';
import { createAlliance, getAlliance, recordMembershipEvent, type MembershipEventInput } from './alliance.service';
import { createMeeting, recordVote } from './meeting.service';
import { createResolution, reviseResolution } from './resolution.service';
import { AppError } from '../../shared/errors';

const ALLIANCE_ID = 'demo-alliance';

/**
 * The demo alliance: its tiers in six languages, members (states and the demo institutions) with
 * a history, a general assembly that adopted a declaration (revised once), a members-only council
 * meeting, and two agreements. Idempotent: nothing is written when the alliance is there already.
 */
export const governanceDemoSeed: DemoSeed = {
  name: 'governance',
  async run(store: Store, dataset: DemoDataset) {
    const db = store.db;
    if (await getAlliance(db, ALLIANCE_ID).catch((e: unknown) => (e instanceof AppError && e.status === 404 ? null : Promise.reject(e)))) return;
    const actor = SYSTEM_ACTOR;
    await createAlliance(db, actor, {
      id: ALLIANCE_ID,
      name: { en: ['Silk Road Heritage Alliance (demo)'], fr: ['Alliance du patrimoine des routes de la soie (démo)'], zh: ['丝绸之路遗产联盟（演示）'], ru: ['Альянс наследия Шёлкового пути (демо)'], es: ['Alianza del Patrimonio de la Ruta de la Seda (demo)'], ar: ['تحالف تراث طريق الحرير (تجريبي)'] },
      description: { en: ['States and institutions along the Silk Road that pool their collections and restore, study and share their heritage together.'], zh: ['丝绸之路沿线国家和机构汇聚藏品，共同修复、研究和分享遗产。'], fr: ['Des États et des institutions des routes de la soie qui mettent en commun leurs collections et restaurent, étudient et partagent ensemble leur patrimoine.'] },
      memberKinds: 'both',
      tiers: [
        { code: 'member-state', appliesTo: 'state', name: { en: ['Member state'], fr: ['État membre'], es: ['Estado miembro'], ru: ['Государство-член'], zh: ['成员国'], ar: ['دولة عضو'] } },
        { code: 'partner-state', appliesTo: 'state', name: { en: ['Partner state'], fr: ['État partenaire'], es: ['Estado asociado'], ru: ['Государство-партнёр'], zh: ['伙伴国'], ar: ['دولة شريكة'] } },
        { code: 'observer-state', appliesTo: 'state', name: { en: ['Observer state'], fr: ['État observateur'], es: ['Estado observador'], ru: ['Государство-наблюдатель'], zh: ['观察员国'], ar: ['دولة مراقبة'] } },
        { code: 'member-institution', appliesTo: 'institution', name: { en: ['Member institution'], fr: ['Institution membre'], es: ['Institución miembro'], ru: ['Учреждение-член'], zh: ['成员机构'], ar: ['مؤسسة عضو'] } },
        { code: 'associate', appliesTo: 'institution', name: { en: ['Associate institution'], fr: ['Institution associée'], es: ['Institución asociada'], ru: ['Ассоциированное учреждение'], zh: ['联系机构'], ar: ['مؤسسة منتسبة'] } },
      ],
    });
    const tier = (code: string) => `${ALLIANCE_ID}.${code}`;
    const ids = new Set(dataset.institutions.map((i) => i.id));
    const steps: MembershipEventInput[] = [
      { member: { kind: 'state', country: 'CN' }, event: 'joined', tierId: tier('member-state'), effectiveOn: '2019-10-15' },
      { member: { kind: 'state', country: 'UZ' }, event: 'joined', tierId: tier('member-state'), effectiveOn: '2019-10-15' },
      { member: { kind: 'state', country: 'KH' }, event: 'joined', tierId: tier('member-state'), effectiveOn: '2021-04-20' },
      { member: { kind: 'state', country: 'JP' }, event: 'joined', tierId: tier('observer-state'), effectiveOn: '2020-06-01' },
      { member: { kind: 'state', country: 'JP' }, event: 'tier-changed', tierId: tier('partner-state'), effectiveOn: '2023-05-10' },
      { member: { kind: 'state', country: 'GB' }, event: 'joined', tierId: tier('observer-state'), effectiveOn: '2022-09-01' },
    ];
    const institutions: [string, string, string][] = [
      ['demo-silk-road-classics-library', 'member-institution', '2019-10-15'],
      ['demo-samarkand-library', 'member-institution', '2020-03-02'],
      ['demo-kyoto-university-library', 'associate', '2022-11-15'],
      ['tate', 'associate', '2024-02-01'],
    ];
    for (const [id, code, on] of institutions) if (ids.has(id)) steps.push({ member: { kind: 'institution', institutionId: id }, event: 'joined', tierId: tier(code), effectiveOn: on });
    for (const s of steps) await recordMembershipEvent(db, actor, ALLIANCE_ID, s);

    const has = (id: string) => ids.has(id);
    const assembly = await createMeeting(db, actor, ALLIANCE_ID, {
      kind: 'general-assembly',
      title: { en: ['Third General Assembly'], zh: ['第三届全体大会'], fr: ['Troisième assemblée générale'] },
      startsOn: '2024-05-21',
      endsOn: '2024-05-22',
      place: 'Xi’an',
      onlineUrl: 'https://example.org/live/assembly-2024',
      agenda: '1. Opening and roll call\n2. Report of the secretariat\n3. Admission of new members\n4. The Xi’an Declaration on shared manuscript heritage\n5. Next assembly',
      minutes: 'The assembly opened with 5 of 6 members present. The secretariat reported on the digitisation of 12,000 manuscripts. The Xi’an Declaration was adopted by 5 votes to none, with one abstention.',
      visibility: 'public',
      participants: [
        ...['CN', 'UZ', 'KH', 'JP', 'GB'].map((c) => ({ kind: 'state' as const, country: c, institutionId: null, name: null, attended: c !== 'GB' })),
        ...institutions.filter(([id]) => has(id)).map(([id]) => ({ kind: 'institution' as const, institutionId: id, country: null, name: null, attended: true })),
      ],
    });
    const vote = await recordVote(db, actor, assembly.id, { motion: 'Adopt the Xi’an Declaration on shared manuscript heritage', yes: 5, no: 0, abstain: 1, rule: 'consensus' });
    const declaration = await createResolution(db, actor, ALLIANCE_ID, {
      meetingId: assembly.id,
      voteId: vote.id,
      kind: 'declaration',
      adoptedOn: '2024-05-22',
      visibility: 'public',
      title: { en: ['Xi’an Declaration on Shared Manuscript Heritage'], zh: ['关于共同写本遗产的西安宣言'], fr: ['Déclaration de Xi’an sur le patrimoine manuscrit partagé'] },
      body: { en: ['The members of the alliance agree to digitise the manuscripts of the Silk Road they hold and to share them under open licences.'], zh: ['联盟成员同意将其收藏的丝绸之路写本数字化，并以开放许可共享。'] },
    });
    await reviseResolution(db, actor, declaration.id, {
      title: { en: ['Xi’an Declaration on Shared Manuscript Heritage'], zh: ['关于共同写本遗产的西安宣言'], fr: ['Déclaration de Xi’an sur le patrimoine manuscrit partagé'] },
      body: {
        en: ['The members of the alliance agree to digitise the manuscripts of the Silk Road they hold, to share them under open licences, and to reunite online the fragments now scattered over several countries.'],
        zh: ['联盟成员同意将其收藏的丝绸之路写本数字化，以开放许可共享，并在线缀合目前分散于多国的残片。'],
        fr: ['Les membres de l’alliance conviennent de numériser les manuscrits des routes de la soie qu’ils conservent, de les partager sous licence ouverte et de réunir en ligne les fragments aujourd’hui dispersés dans plusieurs pays.'],
      },
      note: 'Text completed as adopted (the third clause was missing); French translation added.',
      expectedVersion: 1,
    });
    await createMeeting(db, actor, ALLIANCE_ID, {
      kind: 'council',
      title: { en: ['Council meeting: budget and applications'] },
      startsOn: '2025-02-12',
      onlineUrl: 'https://example.org/meet/council',
      agenda: '1. Budget 2025\n2. Applications to join',
      visibility: 'members',
    });
    if (has('demo-samarkand-library') && has('demo-silk-road-classics-library')) {
      await createAgreement(store, actor, ALLIANCE_ID, {
        kind: 'mou',
        title: { en: ['Memorandum on the joint digital library of Silk Road manuscripts'], zh: ['共建丝绸之路写本数字图书馆谅解备忘录'] },
        scope: 'Joint cataloguing and digitisation of manuscripts, exchange of conservators, a shared online reading room.',
        signedOn: '2023-09-18',
        signedPlace: 'Samarkand',
        startsOn: '2023-09-18',
        endsOn: '2028-09-17',
        renewal: 'Renewed for five years unless a party gives notice six months before the end.',
        visibility: 'public',
        parties: [
          { kind: 'institution', institutionId: 'demo-samarkand-library', country: null, name: null },
          { kind: 'institution', institutionId: 'demo-silk-road-classics-library', country: null, name: null },
        ],
      });
    }
    await createAgreement(store, actor, ALLIANCE_ID, {
      kind: 'multilateral',
      title: { en: ['Agreement on emergency help for damaged monuments'], fr: ['Accord d’aide d’urgence aux monuments endommagés'] },
      scope: 'The parties send experts and equipment within two weeks of a request after an earthquake, flood or fire.',
      signedOn: '2022-10-05',
      signedPlace: 'Phnom Penh',
      startsOn: '2023-01-01',
      visibility: 'public',
      parties: ['CN', 'UZ', 'KH'].map((c) => ({ kind: 'state' as const, country: c, institutionId: null, name: null })),
    });
  },
};

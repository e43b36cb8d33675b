import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { AgreementFormPage, type AgreementFormValues, type PartyValues } from './agreement.form-pages';
import { createAgreement, getAgreement, updateAgreement, type AgreementInput, type AgreementKind, type AgreementParty, type LinkKind } from './agreement.service';
import { allianceParam, allianceView, isSecretariat } from './governance.page-data';
import { alliancePath } from './governance.view';
import type { FormError } from './governance.form-fields';
import { partyChoices } from './meeting.form-routes';
import type { GovVisibility } from './meeting.rules';

/** The secretariat's forms for new and edited agreements (404 to everyone else). */
export const agreementFormRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const db = store.db;

  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!request.session || request.actor.kind !== 'user') {
      void toSignIn(request, reply);
      return false;
    }
    if (!isSecretariat(request)) throw new AppError('NOT_FOUND', 'No such page');
    return true;
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, target: { allianceId: string; agreementId: string | null }, values: AgreementFormValues, error: FormError, status = 200) => {
    const ctx = pageContext(request, reply);
    const view = await allianceView(db, target.allianceId);
    const { institutions, countries } = await partyChoices(db, ctx);
    const own = target.agreementId ? `/alliance/agreements/${encodeURIComponent(target.agreementId)}` : null;
    const action = own ? `${own}/edit` : alliancePath('/alliance/agreements/new', view.alliance, view.primaryId);
    const cancel = own ?? alliancePath('/alliance/agreements', view.alliance, view.primaryId);
    return sendPage(reply, <AgreementFormPage ctx={ctx} view={view} action={action} cancel={cancel} editing={Boolean(own)} values={values} institutions={institutions} countries={countries} error={error} />, status);
  };

  app.get('/alliance/agreements/new', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const view = await allianceView(db, allianceParam(request));
    const values: AgreementFormValues = { kind: 'mou', titles: {}, scope: '', signedOn: '', signedPlace: '', startsOn: '', endsOn: '', renewal: '', visibility: 'public', parties: [], links: [] };
    return render(request, reply, { allianceId: view.alliance.id, agreementId: null }, values, null);
  });

  app.post('/alliance/agreements/new', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const view = await allianceView(db, allianceParam(request));
    const values = agreementValues(request.body);
    try {
      const a = await createAgreement(store, request.actor, view.alliance.id, agreementInput(values));
      return reply.redirect(`/alliance/agreements/${encodeURIComponent(a.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return render(request, reply, { allianceId: view.alliance.id, agreementId: null }, values, outcome, status);
    }
  });

  app.get<{ Params: { id: string } }>('/alliance/agreements/:id/edit', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const a = await getAgreement(store, request.actor, request.params.id);
    const values: AgreementFormValues = {
      kind: a.kind,
      titles: Object.fromEntries(Object.entries(a.title).map(([l, v]) => [l, v.join(' ')])),
      scope: a.scope,
      signedOn: a.signedOn ?? '',
      signedPlace: a.signedPlace ?? '',
      startsOn: a.startsOn ?? '',
      endsOn: a.endsOn ?? '',
      renewal: a.renewal ?? '',
      visibility: a.visibility,
      parties: a.parties.map((p) => ({ kind: p.kind, institutionId: p.institutionId ?? '', country: p.country ?? '', name: p.name ?? '' })),
      links: a.links.map((l) => ({ kind: l.kind, id: l.id })),
    };
    return render(request, reply, { allianceId: a.allianceId, agreementId: a.id }, values, null);
  });

  app.post<{ Params: { id: string } }>('/alliance/agreements/:id/edit', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const a = await getAgreement(store, request.actor, request.params.id);
    const values = agreementValues(request.body, a.title);
    try {
      await updateAgreement(store, request.actor, a.id, agreementInput(values));
      return reply.redirect(`/alliance/agreements/${encodeURIComponent(a.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return render(request, reply, { allianceId: a.allianceId, agreementId: a.id }, values, outcome, status);
    }
  });
};

/** The agreement form's posted values; titles in languages the form does not offer are kept from `kept`. */
function agreementValues(body: unknown, kept: LangMap = {}): AgreementFormValues {
  const s = (n: string) => formString(body, n);
  const titles: Record<string, string> = {};
  for (const [l, v] of Object.entries(kept)) if (!(UI_LANGUAGES as readonly string[]).includes(l)) titles[l] = v.join(' ');
  for (const l of UI_LANGUAGES) titles[l] = s(`title_${l}`);
  const parties: PartyValues[] = [];
  for (let i = 0; i < Math.min(Number(s('partyRows')) || 0, 200); i++) {
    const p: PartyValues = { kind: s(`p${i}_kind`), institutionId: s(`p${i}_institutionId`), country: s(`p${i}_country`), name: s(`p${i}_name`).trim() };
    const chosen = p.kind === 'state' ? p.country : p.kind === 'organisation' ? p.name : p.institutionId;
    if (chosen) parties.push(p);
  }
  const links: AgreementFormValues['links'] = [];
  for (let i = 0; i < Math.min(Number(s('linkRows')) || 0, 200); i++) {
    const id = s(`l${i}_id`).trim();
    if (id) links.push({ kind: s(`l${i}_kind`), id });
  }
  return { kind: s('kind'), titles, scope: s('scope'), signedOn: s('signedOn'), signedPlace: s('signedPlace'), startsOn: s('startsOn'), endsOn: s('endsOn'), renewal: s('renewal'), visibility: s('visibility'), parties, links };
}

function agreementInput(v: AgreementFormValues): AgreementInput {
  const title: LangMap = {};
  for (const [l, text] of Object.entries(v.titles)) if (text.trim()) title[l] = [text.trim()];
  const parties: AgreementParty[] = v.parties.map((p) => ({ kind: p.kind as AgreementParty['kind'], institutionId: p.kind === 'institution' ? p.institutionId : null, country: p.kind === 'institution' ? null : p.country || null, name: p.kind === 'institution' ? null : p.name || null }));
  return { kind: v.kind as AgreementKind, title, scope: v.scope, signedOn: v.signedOn || null, signedPlace: v.signedPlace, startsOn: v.startsOn || null, endsOn: v.endsOn || null, renewal: v.renewal, visibility: v.visibility as GovVisibility, parties, links: v.links.map((l) => ({ kind: l.kind as LinkKind, id: l.id })) };
}

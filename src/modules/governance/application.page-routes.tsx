import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { countryName } from '../../shared/country';
import { pickLang } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import type { NotifyDelivery } from '../notifications/notification.service';
import { institutionNames, institutionsToApplyFor, type MemberRef } from './alliance.service';
import { ApplyPage, type AllianceView, type ApplyFormValues } from './alliance.pages';
import type { ApplicationAction, DecidingBody } from './application.flow';
import { ApplicationPage, ApplicationsPage, type NamedApplication } from './application.pages';
import { actOnApplication, applicationLink, applyToJoin, getApplication, listApplications, type Application } from './application.service';
import { allianceParam, allianceView, isSecretariat } from './governance.page-data';
import { memberName } from './governance.view';
import { countryCodes } from './continent';

/** Applying to join, and following an application: the applicant's and the secretariat's pages. */
export const applicationPageRoutes: FastifyPluginAsync<ModuleOptions & { delivery: NotifyDelivery }> = async (app, { store, delivery }) => {
  const db = store.db;

  const applyPage = async (request: FastifyRequest, view: AllianceView, values: ApplyFormValues, error: { message: string; problems?: { field: string; message: string }[] } | null) => {
    const ctx = pageContext(request);
    const institutions = (await institutionsToApplyFor(db, request.actor)).map((i) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id }));
    const collator = new Intl.Collator(ctx.lang);
    const countries = countryCodes().map((code) => ({ code, name: countryName(code, ctx.lang) })).sort((a, b) => collator.compare(a.name, b.name));
    return <ApplyPage ctx={ctx} view={view} institutions={institutions} countries={countries} values={values} error={error} />;
  };

  app.get('/alliance/apply', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const view = await allianceView(db, allianceParam(request));
    pageContext(request, reply);
    const firstTier = view.alliance.tiers.find((t) => t.appliesTo === 'institution') ?? view.alliance.tiers[0];
    return sendPage(reply, await applyPage(request, view, { memberKind: 'institution', institutionId: '', country: '', tierId: firstTier?.id ?? '', statement: '' }, null));
  });
  app.post('/alliance/apply', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const view = await allianceView(db, allianceParam(request));
    const body = request.body;
    const values: ApplyFormValues = { memberKind: formString(body, 'memberKind'), institutionId: formString(body, 'institutionId'), country: formString(body, 'country'), tierId: formString(body, 'tierId'), statement: formString(body, 'statement') };
    const member: MemberRef = values.memberKind === 'state' ? { kind: 'state', country: values.country } : { kind: 'institution', institutionId: values.institutionId };
    try {
      const created = await applyToJoin(db, request.actor, view.alliance.id, { member, tierId: values.tierId, statement: values.statement }, delivery);
      return reply.redirect(`${applicationLink(created.id)}?done=submitted`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return sendPage(reply, await applyPage(request, view, values, outcome), status);
    }
  });

  app.get('/alliance/applications', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const view = await allianceView(db, allianceParam(request));
    const ctx = pageContext(request, reply);
    const items = await listApplications(db, request.actor, { allianceId: view.alliance.id });
    return sendPage(reply, <ApplicationsPage ctx={ctx} view={view} items={await named(ctx, items)} secretariat={isSecretariat(request)} />);
  });

  const showApplication = async (request: FastifyRequest, id: string, extra: { done?: string | null; error?: { message: string; problems?: { field: string; message: string }[] } | null }) => {
    const ctx = pageContext(request);
    const application = await getApplication(db, request.actor, id);
    const view = await allianceView(db, application.allianceId);
    const [namedApp] = await named(ctx, [application]);
    return <ApplicationPage ctx={ctx} view={view} app={namedApp} role={{ secretariat: isSecretariat(request), applicant: application.yours }} {...extra} />;
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/alliance/applications/:id', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    pageContext(request, reply);
    return sendPage(reply, await showApplication(request, request.params.id, { done: request.query.done ?? null }));
  });
  app.post<{ Params: { id: string } }>('/alliance/applications/:id', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const body = request.body;
    try {
      await actOnApplication(
        db,
        request.actor,
        request.params.id,
        { action: formString(body, 'action') as ApplicationAction, note: formString(body, 'note') || null, decidedBy: (formString(body, 'decidedBy') || null) as DecidingBody | null, decidedOn: formString(body, 'decidedOn') || null },
        delivery,
      );
      return reply.redirect(`${applicationLink(request.params.id)}?done=saved`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return sendPage(reply, await showApplication(request, request.params.id, { error: outcome }), status);
    }
  });

  async function named(ctx: PageContext, items: Application[]): Promise<NamedApplication[]> {
    const names = await institutionNames(db, items.flatMap((a) => (a.member.kind === 'institution' ? [a.member.institutionId] : [])));
    return items.map((a) => ({
      ...a,
      memberName: a.member.kind === 'state' ? memberName(ctx, { kind: 'state', country: a.member.country }) : memberName(ctx, { kind: 'institution', country: null, name: names.get(a.member.institutionId) ?? null, institutionId: a.member.institutionId }),
    }));
  }
};

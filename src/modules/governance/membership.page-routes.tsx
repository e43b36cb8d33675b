import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { countryName } from '../../shared/country';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { listInstitutions } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { institutionNames, membershipHistory, recordMembershipEvent, type MemberRef } from './alliance.service';
import { countryCodes } from './continent';
import { allianceParam, allianceView, isSecretariat, textNames } from './governance.page-data';
import { memberName } from './governance.view';
import type { MembershipEventKind } from './membership.history';
import { MembershipPage, type StepFormValues } from './membership.pages';

/** `/alliance/membership`: the secretariat's register of membership steps (404 to everyone else). */
export const membershipPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const db = store.db;

  const render = async (request: FastifyRequest, values: StepFormValues, done: boolean, error: { message: string; problems?: { field: string; message: string }[] } | null) => {
    const ctx = pageContext(request);
    const view = await allianceView(db, allianceParam(request));
    const events = (await membershipHistory(db, request.actor, view.alliance.id)).reverse();
    const names = textNames(await institutionNames(db, events.flatMap((e) => (e.member.kind === 'institution' ? [e.member.institutionId] : []))), ctx.lang);
    const history = events.map((e) => ({ ...e, name: e.member.kind === 'state' ? countryName(e.member.country, ctx.lang) : (names.get(e.member.institutionId) ?? e.member.institutionId) }));
    const collator = new Intl.Collator(ctx.lang);
    const institutions = (await allInstitutions()).map((i) => ({ id: i.id, name: memberName(ctx, { kind: 'institution', country: i.country, name: i.name, institutionId: i.id }) })).sort((a, b) => collator.compare(a.name, b.name));
    const countries = countryCodes()
      .map((code) => ({ code, name: countryName(code, ctx.lang) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    return <MembershipPage ctx={ctx} view={view} history={history} institutions={institutions} countries={countries} values={values} done={done} error={error} />;
  };

  app.get('/alliance/membership', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    if (!isSecretariat(request)) throw new AppError('NOT_FOUND', 'No such page');
    pageContext(request, reply);
    const today = new Date().toISOString().slice(0, 10);
    const done = (request.query as Record<string, unknown>)?.done === 'saved';
    return sendPage(reply, await render(request, { memberKind: 'institution', institutionId: '', country: '', event: 'joined', tierId: '', effectiveOn: today, note: '' }, done, null));
  });

  app.post('/alliance/membership', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    if (!isSecretariat(request)) throw new AppError('NOT_FOUND', 'No such page');
    const view = await allianceView(db, allianceParam(request));
    const body = request.body;
    const values: StepFormValues = {
      memberKind: formString(body, 'memberKind'),
      institutionId: formString(body, 'institutionId'),
      country: formString(body, 'country'),
      event: formString(body, 'event'),
      tierId: formString(body, 'tierId'),
      effectiveOn: formString(body, 'effectiveOn'),
      note: formString(body, 'note'),
    };
    const member: MemberRef = values.memberKind === 'state' ? { kind: 'state', country: values.country } : { kind: 'institution', institutionId: values.institutionId };
    try {
      await recordMembershipEvent(db, request.actor, view.alliance.id, { member, event: values.event as MembershipEventKind, tierId: values.tierId || null, effectiveOn: values.effectiveOn, note: values.note || null });
      const q = new URLSearchParams({ done: 'saved', ...(view.alliance.id !== view.primaryId ? { alliance: view.alliance.id } : {}) });
      return reply.redirect(`/alliance/membership?${q}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return sendPage(reply, await render(request, values, false, outcome), status);
    }
  });

  async function allInstitutions(): Promise<Institution[]> {
    const out: Institution[] = [];
    let cursor: string | undefined;
    do {
      const page = await listInstitutions(db, { cursor, limit: 500 });
      out.push(...page.items);
      cursor = page.next ?? undefined;
    } while (cursor && out.length < 10_000);
    return out;
  }
};


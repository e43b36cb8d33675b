import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { allianceView, isSecretariat } from './governance.page-data';
import type { FormError } from './governance.form-fields';
import type { GovVisibility } from './meeting.rules';
import { getMeeting, type Meeting } from './meeting.service';
import { ResolutionFormPage, type ResolutionFormValues } from './resolution.form-pages';
import { createResolution, getResolution, reviseResolution, type ResolutionKind } from './resolution.service';

/** The secretariat's forms to publish a resolution adopted at a meeting and to revise its text (404 to everyone else). */
export const resolutionFormRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const db = store.db;

  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!request.session || request.actor.kind !== 'user') {
      void toSignIn(request, reply);
      return false;
    }
    if (!isSecretariat(request)) throw new AppError('NOT_FOUND', 'No such page');
    return true;
  };
  const meetingOf = async (request: FastifyRequest) => {
    const id = (request.query as Record<string, unknown> | undefined)?.meeting;
    if (typeof id !== 'string' || !id) throw new AppError('NOT_FOUND', 'Resolutions are published from their meeting’s page');
    return getMeeting(db, request.actor, id);
  };
  const newAction = (m: Meeting) => `/alliance/resolutions/new?meeting=${encodeURIComponent(m.id)}`;
  const openVotes = (m: Meeting) => m.votes.filter((v) => v.result === 'adopted' && !v.resolutionId).map((v) => ({ id: v.id, motion: v.motion }));

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, m: Meeting, values: ResolutionFormValues, error: FormError, status = 200) => {
    const view = await allianceView(db, m.allianceId);
    return sendPage(reply, <ResolutionFormPage ctx={pageContext(request, reply)} view={view} action={newAction(m)} cancel={`/alliance/meetings/${encodeURIComponent(m.id)}`} revising={false} values={values} votes={openVotes(m)} error={error} />, status);
  };

  app.get('/alliance/resolutions/new', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const m = await meetingOf(request);
    const votes = openVotes(m);
    const values: ResolutionFormValues = { kind: 'resolution', visibility: m.visibility, adoptedOn: m.endsOn ?? m.startsOn, voteId: votes.length === 1 ? votes[0].id : '', titles: {}, bodies: {}, note: '', expectedVersion: '' };
    return renderNew(request, reply, m, values, null);
  });

  app.post('/alliance/resolutions/new', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const m = await meetingOf(request);
    const values = resolutionValues(request.body);
    try {
      const res = await createResolution(db, request.actor, m.allianceId, { meetingId: m.id, voteId: values.voteId || null, kind: values.kind as ResolutionKind, adoptedOn: values.adoptedOn, visibility: values.visibility as GovVisibility, ...texts(values) });
      return reply.redirect(`/alliance/resolutions/${encodeURIComponent(res.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return renderNew(request, reply, m, values, outcome, status);
    }
  });

  const renderRevise = async (request: FastifyRequest, reply: FastifyReply, id: string, allianceId: string, values: ResolutionFormValues, error: FormError, status = 200) => {
    const view = await allianceView(db, allianceId);
    const path = `/alliance/resolutions/${encodeURIComponent(id)}`;
    return sendPage(reply, <ResolutionFormPage ctx={pageContext(request, reply)} view={view} action={`${path}/revise`} cancel={path} revising values={values} votes={[]} error={error} />, status);
  };

  app.get<{ Params: { id: string } }>('/alliance/resolutions/:id/revise', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const res = await getResolution(db, request.actor, request.params.id);
    const flat = (map: LangMap) => Object.fromEntries(Object.entries(map).map(([l, v]) => [l, v.join('\n\n')]));
    const values: ResolutionFormValues = { kind: res.kind, visibility: res.visibility, adoptedOn: res.adoptedOn, voteId: '', titles: flat(res.shown.title), bodies: flat(res.shown.body), note: '', expectedVersion: String(res.version) };
    return renderRevise(request, reply, res.id, res.allianceId, values, null);
  });

  app.post<{ Params: { id: string } }>('/alliance/resolutions/:id/revise', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const res = await getResolution(db, request.actor, request.params.id);
    const values = resolutionValues(request.body, res.shown.title, res.shown.body);
    try {
      await reviseResolution(db, request.actor, res.id, { ...texts(values), note: values.note, expectedVersion: Number(values.expectedVersion) });
      return reply.redirect(`/alliance/resolutions/${encodeURIComponent(res.id)}`, 303);
    } catch (err) {
      const ctx = pageContext(request);
      if (err instanceof AppError && err.code === 'STALE_VERSION') {
        const message = ctx.t('govf.resolution.stale', { version: values.expectedVersion, current: res.version });
        return renderRevise(request, reply, res.id, res.allianceId, { ...values, expectedVersion: String(res.version) }, { message }, 409);
      }
      const { status, outcome } = formOutcome(ctx, err);
      return renderRevise(request, reply, res.id, res.allianceId, values, outcome, status);
    }
  });
};

/** The posted values; titles and texts in languages the form does not offer are kept from the version edited. */
function resolutionValues(body: unknown, keptTitle: LangMap = {}, keptBody: LangMap = {}): ResolutionFormValues {
  const s = (n: string) => formString(body, n);
  const other = (map: LangMap) => Object.fromEntries(Object.entries(map).filter(([l]) => !(UI_LANGUAGES as readonly string[]).includes(l)).map(([l, v]) => [l, v.join('\n\n')]));
  const titles: Record<string, string> = other(keptTitle);
  const bodies: Record<string, string> = other(keptBody);
  for (const l of UI_LANGUAGES) {
    titles[l] = s(`title_${l}`);
    bodies[l] = s(`body_${l}`);
  }
  return { kind: s('kind'), visibility: s('visibility'), adoptedOn: s('adoptedOn'), voteId: s('voteId'), titles, bodies, note: s('note'), expectedVersion: s('expectedVersion') };
}

function texts(v: ResolutionFormValues): { title: LangMap; body: LangMap } {
  const map = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).flatMap(([l, text]) => (text.trim() ? [[l, [text.trim()]]] : [])));
  return { title: map(v.titles), body: map(v.bodies) };
}

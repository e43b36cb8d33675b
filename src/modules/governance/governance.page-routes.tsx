import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { allianceParam, allianceView, isSecretariat, textNames } from './governance.page-data';
import { AppError } from '../../shared/errors';
import { pickLang } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import type { NotifyDelivery } from '../notifications/notification.service';
import { institutionNames, listAlliances, membersOn } from './alliance.service';
import { AlliancePage, NoAlliancePage } from './alliance.pages';
import { sendFiguresCsv } from './alliance.routes';
import { applicationPageRoutes } from './application.page-routes';
import { membershipPageRoutes } from './membership.page-routes';
import { getAgreement, listAgreements } from './agreement.service';
import { AgreementsPage } from './agreement.pages';
import { documentFormRoutes, sendAgreementPage } from './document.form-routes';
import { agreementFormRoutes } from './agreement.form-routes';
import { allianceFigures } from './figures.service';
import { FiguresPage, ReportPage } from './figures.pages';
import { getMeeting, listMeetings } from './meeting.service';
import { MeetingsPage, ResolutionPage } from './meeting.pages';
import { meetingFormRoutes, sendMeetingPage } from './meeting.form-routes';
import { resolutionFormRoutes } from './resolution.form-routes';
import { isCalendarDate } from './membership.history';
import { getResolution } from './resolution.service';

/** The alliance's public pages: about and members, figures and the annual report, meetings, resolutions, agreements. */
export const governancePageRoutes: FastifyPluginAsync<ModuleOptions & { delivery: NotifyDelivery }> = async (app, options) => {
  const { store, config } = options;
  const db = store.db;
  const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, string | undefined>;

  app.get('/alliance', async (request, reply) => {
    if (!(await listAlliances(db)).length) return sendPage(reply, <NoAlliancePage ctx={pageContext(request, reply)} />);
    const view = await allianceView(db, allianceParam(request));
    const today = new Date().toISOString().slice(0, 10);
    const asked = query(request).date;
    const date = asked && isCalendarDate(asked) && asked <= today ? asked : today;
    const ctx = pageContext(request, reply);
    return sendPage(reply, <AlliancePage ctx={ctx} view={view} members={await membersOn(db, view.alliance.id, date)} date={date} today={today} />);
  });

  app.get('/alliance/figures', async (request, reply) => {
    const view = await allianceView(db, allianceParam(request));
    const thisYear = new Date().getUTCFullYear();
    const f = await allianceFigures(store, request.actor, view.alliance.id, yearParam(query(request).year, thisYear));
    const first = Math.min(f.series[0]?.year ?? f.year, f.year);
    const years = Array.from({ length: thisYear - first + 1 }, (_, i) => thisYear - i);
    return sendPage(reply, <FiguresPage ctx={pageContext(request, reply)} view={view} figures={f} years={years} />);
  });
  app.get('/alliance/figures.csv', async (request, reply) => {
    const view = await allianceView(db, allianceParam(request));
    const f = await allianceFigures(store, request.actor, view.alliance.id, yearParam(query(request).year, new Date().getUTCFullYear()));
    return sendFiguresCsv(reply, f, view.alliance);
  });
  app.get<{ Params: { year: string } }>('/alliance/report/:year', async (request, reply) => {
    const view = await allianceView(db, allianceParam(request));
    if (!/^\d{4}$/.test(request.params.year)) throw new AppError('NOT_FOUND', 'No report for that year');
    const f = await allianceFigures(store, request.actor, view.alliance.id, Number(request.params.year)).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'VALIDATION_FAILED' ? new AppError('NOT_FOUND', 'No report for that year') : err;
    });
    return sendPage(reply, <ReportPage ctx={pageContext(request, reply)} view={view} figures={f} />);
  });

  app.get('/alliance/meetings', async (request, reply) => {
    const view = await allianceView(db, allianceParam(request));
    return sendPage(reply, <MeetingsPage ctx={pageContext(request, reply)} view={view} meetings={await listMeetings(db, request.actor, view.alliance.id)} secretariat={isSecretariat(request)} />);
  });
  app.get<{ Params: { id: string } }>('/alliance/meetings/:id', async (request, reply) => {
    return sendMeetingPage(db, request, reply, await getMeeting(db, request.actor, request.params.id));
  });
  app.get<{ Params: { id: string }; Querystring: { version?: string } }>('/alliance/resolutions/:id', async (request, reply) => {
    const v = request.query.version;
    if (v !== undefined && !/^[1-9]\d{0,5}$/.test(v)) throw new AppError('NOT_FOUND', 'No such version');
    const res = await getResolution(db, request.actor, request.params.id, v === undefined ? undefined : Number(v)).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'VERSION_NOT_FOUND' ? new AppError('NOT_FOUND', err.message) : err;
    });
    const view = await viewOf(res.allianceId);
    const ctx = pageContext(request, reply);
    const meeting = res.meetingId ? await getMeeting(db, request.actor, res.meetingId).catch(() => null) : null;
    const url = `${config.publicUrl.replace(/\/$/, '')}/alliance/resolutions/${encodeURIComponent(res.id)}?version=${res.shown.version}`;
    return sendPage(reply, <ResolutionPage ctx={ctx} view={view} res={res} meetingTitle={meeting ? (pickLang(meeting.title, ctx.lang)?.values[0] ?? null) : null} url={url} secretariat={isSecretariat(request)} />);
  });

  app.get('/alliance/agreements', async (request, reply) => {
    const view = await allianceView(db, allianceParam(request));
    const agreements = await listAgreements(store, request.actor, view.alliance.id);
    const ctx = pageContext(request, reply);
    const names = textNames(await institutionNames(db, agreements.flatMap((a) => a.parties.flatMap((p) => (p.institutionId ? [p.institutionId] : [])))), ctx.lang);
    return sendPage(reply, <AgreementsPage ctx={ctx} view={view} agreements={agreements} names={names} secretariat={isSecretariat(request)} />);
  });
  app.get<{ Params: { id: string } }>('/alliance/agreements/:id', async (request, reply) => {
    return sendAgreementPage(store, request, reply, await getAgreement(store, request.actor, request.params.id));
  });

  await app.register(applicationPageRoutes, options);
  await app.register(membershipPageRoutes, options);
  await app.register(meetingFormRoutes, options);
  await app.register(resolutionFormRoutes, options);
  await app.register(documentFormRoutes, options);
  await app.register(agreementFormRoutes, options);
  const viewOf = (allianceId: string) => allianceView(db, allianceId);
};

function yearParam(raw: string | undefined, fallback: number): number {
  return raw && /^\d{4}$/.test(raw) ? Math.min(Number(raw), fallback) : fallback;
}

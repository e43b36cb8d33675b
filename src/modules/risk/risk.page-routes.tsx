import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import type { ModuleOptions } from '../../shared/request-context';
import { RegisterPage } from './risk-register.pages';
import { addThreat, getRiskSite, listRegister, removeThreat, saveEntry } from './risk-register.service';
import { SitePage } from './risk-site.pages';
import { CONDITIONS, PRIORITIES, TRENDS, isPrimaryFactor } from './risk.taxonomy';
import { flagSensitive, unflagSensitive } from './sensitive-location.service';
import { listPublicReports } from './public-report.service';

type SiteParams = { Params: { recordId: string } };
const NOTICES = { saved: 'risk.site.saved', added: 'risk.site.threatAdded', removed: 'risk.site.threatRemoved', flagged: 'risk.site.flagged', unflagged: 'risk.site.unflagged' } as const;
const oneOf = (values: readonly string[], v: string) => (values.includes(v) ? v : undefined);

/** The heritage-at-risk pages: the register (filters, map) and each site's page with its forms (post/redirect/get). */
export const riskPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  app.get('/risk', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const q = request.query;
    const factor = formString(q, 'factor');
    const filters = {
      factor: factor && isPrimaryFactor(factor.split('.')[0]) ? factor : undefined,
      priority: oneOf(PRIORITIES, formString(q, 'priority')),
      condition: oneOf(CONDITIONS, formString(q, 'condition')),
      trend: oneOf(TRENDS, formString(q, 'trend')),
    };
    return sendPage(reply, <RegisterPage ctx={ctx} items={await listRegister(store, request.actor, filters)} filters={filters} />);
  });

  app.get<SiteParams>('/risk/sites/:recordId', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const done = formString(request.query, 'done');
    const notice = done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null;
    const site = await getRiskSite(store, request.actor, request.params.recordId);
    return sendPage(reply, <SitePage ctx={ctx} site={site} form={{ notice }} reports={await listPublicReports(store, request.actor, site.record.id)} />);
  });

  /** Runs a form's change, then redirects to the site page; a refused form shows the page again with its messages and values. */
  const handle = async (request: FastifyRequest<SiteParams>, reply: FastifyReply, work: () => Promise<keyof typeof NOTICES>) => {
    if (!request.session) return toSignIn(request, reply);
    const path = `/risk/sites/${encodeURIComponent(request.params.recordId)}`;
    try {
      return reply.redirect(`${path}?done=${await work()}`, 303);
    } catch (err) {
      const ctx = pageContext(request, reply);
      const { status, outcome } = formOutcome(ctx, err);
      const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([k, x]) => k !== '_csrf' && typeof x === 'string')) as Record<string, string>;
      const site = await getRiskSite(store, request.actor, request.params.recordId);
      return sendPage(reply, <SitePage ctx={ctx} site={site} form={{ error: outcome, values }} />, status);
    }
  };

  app.post<SiteParams>('/risk/sites/:recordId', async (request, reply) =>
    handle(request, reply, async () => {
      const b = request.body;
      await saveEntry(store, request.actor, request.params.recordId, {
        condition: formString(b, 'condition'),
        trend: formString(b, 'trend'),
        priority: formString(b, 'priority'),
        lastInspection: formString(b, 'lastInspection'),
        responsibleInstitutionId: formString(b, 'responsibleInstitutionId'),
        notes: formString(b, 'notes'),
      });
      return 'saved';
    }),
  );

  app.post<SiteParams>('/risk/sites/:recordId/threats', async (request, reply) =>
    handle(request, reply, async () => {
      const [primary, secondary] = formString(request.body, 'factor').split('.');
      await addThreat(store, request.actor, request.params.recordId, { primary, secondary: secondary ?? null, description: formString(request.body, 'description') });
      return 'added';
    }),
  );

  app.post<{ Params: { recordId: string; threatId: string } }>('/risk/sites/:recordId/threats/:threatId/delete', async (request, reply) =>
    handle(request, reply, async () => {
      await removeThreat(store, request.actor, request.params.recordId, request.params.threatId);
      return 'removed';
    }),
  );

  app.post<SiteParams>('/risk/sites/:recordId/sensitive', async (request, reply) =>
    handle(request, reply, async () => {
      if (formString(request.body, 'action') === 'unflag') {
        await unflagSensitive(store, request.actor, request.params.recordId);
        return 'unflagged';
      }
      await flagSensitive(store, request.actor, request.params.recordId, { reason: formString(request.body, 'reason') });
      return 'flagged';
    }),
  );
};

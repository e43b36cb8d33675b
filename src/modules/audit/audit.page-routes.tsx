import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { formString } from '../accounts/form-outcome';
import { toSignIn } from '../accounts/account.page-routes';
import { listAuditEvents } from './audit.service';
import { AuditPage } from './audit.pages';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The audit log page (alliance admins). */
export const auditPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  app.get('/admin/audit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const q = request.query;
    const filters = {
      action: formString(q, 'action').trim().slice(0, 100),
      target: formString(q, 'target').trim().slice(0, 200),
      institution: formString(q, 'institution').trim().slice(0, 200),
      since: DAY.test(formString(q, 'since')) ? formString(q, 'since') : '',
      until: DAY.test(formString(q, 'until')) ? formString(q, 'until') : '',
    };
    const before = Number(formString(q, 'before'));
    const page = await listAuditEvents(store.db, request.actor, {
      action: filters.action || undefined,
      targetId: filters.target || undefined,
      institutionId: filters.institution || undefined,
      since: filters.since ? `${filters.since}T00:00:00.000Z` : undefined,
      // The "until" day is included: events before the start of the next day.
      until: filters.until ? new Date(Date.parse(`${filters.until}T00:00:00.000Z`) + 86400_000).toISOString() : undefined,
      before: Number.isInteger(before) && before > 0 ? before : undefined,
      limit: 100,
    });
    return sendPage(reply, <AuditPage ctx={ctx} data={{ ...page, filters }} />);
  });
};

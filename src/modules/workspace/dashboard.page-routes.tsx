import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { dashboardData } from './dashboard.data';
import { DashboardPage } from './dashboard.pages';

/** `/dashboard`: where staff start — their institutions' records, latest changes and jobs. */
export const dashboardPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  app.get('/dashboard', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <DashboardPage ctx={ctx} data={await dashboardData(store, request.actor, ctx.lang)} />);
  });
};

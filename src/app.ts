import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config/config';
import type { DatabaseHandle } from './db/database';
import { installErrorHandler, type HtmlErrorRenderer } from './shared/error-handler';
import { installAuth } from './modules/accounts/auth.hook';
import { installCsrf } from './modules/accounts/csrf.hook';
import { installInputGuard } from './shared/input-guard';
import { installCors } from './shared/cors';
import { institutionRoutes } from './modules/institutions/institution.routes';
import { recordRoutes } from './modules/records/record.routes';
import { recordHistoryPageRoutes } from './modules/records/record.history.page-routes';
import { recordEditorModule } from './modules/records/record.editor.module';
import { dashboardPageRoutes } from './modules/workspace/dashboard.page-routes';
import { searchRoutes } from './modules/search/search.routes';
import { inlineSearchRunner, type SearchRunner } from './modules/search/search.runner';
import { healthRoutes } from './modules/health/health.routes';
import { tokenRoutes } from './modules/accounts/token.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { mediaModule } from './modules/media/media.module';
import { iiifPresentationRoutes } from './modules/interop/iiif-presentation.routes';
import { oaiRoutes } from './modules/interop/oai.routes';
import { changeDiscoveryRoutes } from './modules/interop/change-discovery.routes';
import { linkedArtRoutes } from './modules/interop/linked-art.routes';
import { publishingRoutes } from './modules/interop/publishing.routes';
import { importsModule } from './modules/imports/import.module';
import { projectsModule } from './modules/projects/project.module';
import { harvestRoutes } from './modules/imports/harvest/harvest.routes';
import { exportRoutes } from './modules/exports/export.routes';
import { riskModule } from './modules/risk/risk.module';
import { peopleModule } from './modules/people/people.module';
import { jobRoutes } from './modules/jobs/job.routes';
import { userRoutes } from './modules/accounts/user.routes';
import { accountsPagesModule } from './modules/accounts/accounts.pages-module';
import { notificationsModule } from './modules/notifications/notifications.module';
import { governanceModule } from './modules/governance/governance.module';
import { exhibitionsModule } from './modules/exhibitions/exhibitions.module';
import { pagesModule, renderErrorPage } from './modules/pages/pages.module';
import { contentSecurityPolicy } from './shared/csp';
import './shared/request-context';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /** Defaults to running searches inline. */
  search?: SearchRunner;
  logger?: boolean | object;
}

/** Builds the whole application on a database; never listens (server.ts and tests decide). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const store = { db: database.db, dialect: database.dialect };
  const search = deps.search ?? inlineSearchRunner(store);
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    routerOptions: { maxParamLength: 500 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  let htmlRenderer: HtmlErrorRenderer | null = null;
  installErrorHandler(app, () => htmlRenderer);
  await app.register(cookie);
  installAuth(app, store, config.publicUrl);
  installCsrf(app, store);
  installInputGuard(app);
  installCors(app);
  // While shutting down, answer in-flight requests and close their keep-alive connections.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    // A page may have set a wider policy of its own (remote IIIF images); otherwise the strict one.
    if (!request.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', contentSecurityPolicy());
    }
  });

  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Heritage Commons API', version: '1', description: 'Records, institutions and search of a Heritage Commons node. Send `Authorization: Bearer <token>` to act as a user.' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }, {}],
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const options = { store, config };
  // Before every page route: it adds the page frame's unread-notifications count to them all.
  await app.register(notificationsModule, options);
  await app.register(healthRoutes, options);
  await app.register(institutionRoutes, options);
  await app.register(recordRoutes, options);
  await app.register(recordHistoryPageRoutes, options);
  await app.register(recordEditorModule, { ...options, search });
  await app.register(dashboardPageRoutes, options);
  await app.register(mediaModule, options);
  await app.register(iiifPresentationRoutes, options);
  await app.register(oaiRoutes, options);
  await app.register(changeDiscoveryRoutes, options);
  await app.register(linkedArtRoutes, options);
  await app.register(publishingRoutes, options);
  await app.register(searchRoutes, { ...options, search });
  await app.register(tokenRoutes, options);
  await app.register(auditRoutes, options);
  await app.register(jobRoutes, options);
  await app.register(importsModule, options);
  await app.register(projectsModule, options);
  await app.register(governanceModule, options);
  await app.register(harvestRoutes, options);
  await app.register(exportRoutes, options);
  await app.register(riskModule, options);
  await app.register(peopleModule, options);
  await app.register(userRoutes, options);
  await app.register(accountsPagesModule, options);
  await app.register(exhibitionsModule, options);
  await app.register(pagesModule, { ...options, search });
  htmlRenderer = renderErrorPage;

  app.addHook('onClose', async () => {
    await search.close();
  });
  return app;
}

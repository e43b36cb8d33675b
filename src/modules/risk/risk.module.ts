import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { assessmentPageRoutes } from './assessment.page-routes';
import { incidentPageRoutes } from './incident.page-routes';
import { incidentRoutes } from './incident.routes';
import { helpRoutes } from './help.routes';
import { helpPageRoutes } from './help.page-routes';
import { publicReportRoutes } from './public-report.routes';
import { publicReportPageRoutes } from './public-report.page-routes';
import { riskPageRoutes } from './risk.page-routes';
import { riskRoutes } from './risk.routes';
import { situationReportRoutes } from './situation-report.page-routes';

/** Heritage at risk: the register, sensitive locations, incidents, damage assessments, help and public reports — API and pages. */
export const riskModule: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  await app.register(riskRoutes, options);
  await app.register(incidentRoutes, options);
  await app.register(helpRoutes, options);
  await app.register(riskPageRoutes, options);
  await app.register(incidentPageRoutes, options);
  await app.register(assessmentPageRoutes, options);
  await app.register(situationReportRoutes, options);
  await app.register(helpPageRoutes, options);
  await app.register(publicReportRoutes, options);
  await app.register(publicReportPageRoutes, options);
};

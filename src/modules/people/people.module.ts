import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { calendarPageRoutes } from './calendar.page-routes';
import { calendarRoutes } from './calendar.routes';
import { peopleEditPageRoutes } from './people.edit.page-routes';
import { peoplePageRoutes } from './people.page-routes';
import { peopleRoutes } from './people.routes';
import { practiceAwardRoutes } from './practice-award.routes';

/** People and practice: experts, training and exchanges, the events calendar, case studies, awards (API and pages). */
export const peopleModule: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  await app.register(peopleRoutes, options);
  await app.register(calendarRoutes, options);
  await app.register(practiceAwardRoutes, options);
  await app.register(peoplePageRoutes, options);
  await app.register(calendarPageRoutes, options);
  await app.register(peopleEditPageRoutes, options);
};

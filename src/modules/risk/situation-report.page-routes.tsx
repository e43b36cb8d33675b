import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../shared/errors';
import { ID_REGEX, nowIso } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import type { Actor } from '../accounts/actor';
import { mediaStoreFor } from '../media/media.module';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { listAssessments, mayRead, type AssessmentDeps } from './assessment.service';
import { getIncident } from './incident.service';
import { findPhoto } from './risk.photos';
import { mayViewReportPhoto } from './public-report.service';
import { assessmentsCsv } from './situation-report';
import { SituationReportPage } from './situation-report.pages';
import type { Store } from '../records/record.store';

type IdParams = { Params: { id: string } };

/** The situation report of an incident (printable HTML, CSV of assessments) and the photos of assessments and reports. */
export const situationReportRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const deps: AssessmentDeps = { store, files: mediaStoreFor(config), maxPixels: config.maxImagePixels };
  const submitted = async (actor: Actor, id: string) => (await listAssessments(deps, actor, id)).filter((a) => a.status === 'submitted');

  app.get<IdParams>('/risk/incidents/:id/report', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const incident = await getIncident(store, request.actor, request.params.id);
    return sendPage(reply, <SituationReportPage ctx={ctx} incident={incident} assessments={await submitted(request.actor, incident.id)} now={nowIso()} />);
  });

  app.get<IdParams>('/risk/incidents/:id/report.csv', async (request, reply) => {
    const incident = await getIncident(store, request.actor, request.params.id);
    const csv = assessmentsCsv(incident, await submitted(request.actor, incident.id));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="situation-${incident.id}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });

  app.get<{ Params: { file: string } }>('/risk/photos/:file', async (request, reply) => {
    const id = request.params.file.replace(/\.jpg$/, '');
    if (!request.params.file.endsWith('.jpg') || !ID_REGEX.test(id)) throw photoNotFound();
    const photo = await findPhoto(store.db, id);
    if (!photo || !(await mayView(store, request.actor, photo))) throw photoNotFound();
    return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(deps.files.open(photo.storage_key));
  });
};

/** Photos are seen by whoever may read what they belong to. */
async function mayView(store: Store, actor: Actor, photo: { owner_type: string; owner_id: string }): Promise<boolean> {
  if (photo.owner_type === 'assessment') {
    const row = await store.db.selectFrom('risk_assessment').select(['created_by', 'status', 'record_id']).where('id', '=', photo.owner_id).executeTakeFirst();
    return !!row && (await mayRead(store, actor, row));
  }
  return photo.owner_type === 'report' && mayViewReportPhoto(store, actor, photo.owner_id);
}

function photoNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such photo');
}

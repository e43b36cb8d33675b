import type { FastifyPluginAsync } from 'fastify';
import { ID_REGEX } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { getRecord, notFound } from '../records/record.service';
import { getInstitution } from '../institutions/institution.service';
import { citationParts, formatCitation } from './cite';
import { requestLanguage } from './lang';

const FORMATS = {
  ris: { style: 'ris', type: 'application/x-research-info-systems; charset=utf-8' },
  bib: { style: 'bibtex', type: 'application/x-bibtex; charset=utf-8' },
} as const;

/** `/records/:id/cite.ris` and `.bib`: a record's citation as a file for reference managers, for whoever may see the record. */
export const citeRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  app.get<{ Params: { id: string; format: string } }>('/records/:id/cite.:format', async (request, reply) => {
    const { id, format } = request.params;
    const f = FORMATS[format as keyof typeof FORMATS];
    if (!ID_REGEX.test(id) || !f) throw notFound(id);
    const record = await getRecord(store, request.actor, id);
    const institution = await getInstitution(store.db, record.institutionId).catch(() => null);
    const parts = citationParts(record, institution, { lang: requestLanguage(request), url: `${config.publicUrl}/records/${encodeURIComponent(id)}`, accessed: new Date() });
    return reply
      .type(f.type)
      .header('content-disposition', `attachment; filename="${id}.${format}"`)
      .header('cache-control', record.visibility === 'public' ? 'public, max-age=300' : 'private, no-store')
      .send(formatCitation(f.style, parts));
  });
};

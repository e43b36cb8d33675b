import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { importableInstitutions } from './import.page-routes';
import type { ImportDeps } from './import.service';
import { MappingEditorPage, type MappingEditorData } from './mapping.editor';
import { editorFromForm, editorFromMapping, mappingOf, type EditorState } from './mapping.form';
import { MappingNewPage, MappingsPage, type MappingNewPageData } from './mapping.pages';
import { editorColumns, readSample, SAMPLE_BYTES } from './mapping.sample';
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping } from './mapping.service';

type IdParams = { Params: { id: string } };
const NOTICES = { saved: 'mappings.saved', deleted: 'mappings.deleted' } as const;

/**
 * The mapping editor pages: the saved mappings, a new one from a sample of the file (uploaded or
 * pasted), editing, re-reading columns from another sample, deleting. Plain forms, post/redirect/get.
 */
export const mappingPageRoutes: FastifyPluginAsync<{ deps: ImportDeps }> = async (app, { deps }) => {
  // Only the head of a sample is read; the rest of an upload is drained, never stored.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { files: 1, fields: 5, fieldSize: SAMPLE_BYTES + 1024, fileSize: deps.config.maxUploadBytes } });
  const { store } = deps;

  const institutionsOf = (request: FastifyRequest, ctx: PageContext) => importableInstitutions(deps, request.actor, ctx);

  const renderEditor = async (reply: FastifyReply, ctx: PageContext, data: Omit<MappingEditorData, 'institutionName'>, names: Map<string, string>, status = 200) =>
    sendPage(reply, <MappingEditorPage ctx={ctx} data={{ ...data, institutionName: names.get(data.institutionId) ?? data.institutionId }} />, status);

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, extra: Partial<MappingNewPageData> = {}, status = 200) => {
    const institutions = await institutionsOf(request, ctx);
    const action = `/imports/mappings/new?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`;
    return sendPage(reply, <MappingNewPage ctx={ctx} data={{ action, institutions, ...extra }} />, status);
  };

  app.get('/imports/mappings', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const [mappings, institutions] = await Promise.all([listMappings(store, request.actor), institutionsOf(request, ctx)]);
    const done = formString(request.query, 'done');
    const notice = done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null;
    return sendPage(reply, <MappingsPage ctx={ctx} data={{ mappings, institutionNames: new Map(institutions.map((i) => [i.id, i.name])), notice }} />);
  });

  app.get('/imports/mappings/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return renderNew(request, reply, pageContext(request, reply));
  });

  app.post('/imports/mappings/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    let fields: Record<string, string> = {};
    try {
      const posted = await readSampleForm(request);
      fields = posted.fields;
      const institutions = await institutionsOf(request, ctx);
      const institutionId = fields.institution ?? '';
      if (!institutions.some((i) => i.id === institutionId)) throw new AppError('FORBIDDEN', `You may not save import mappings for institution "${institutionId}"`);
      const sample = readSample(posted.sample);
      const { columns, identifierColumn } = editorColumns(sample);
      const state: EditorState = { name: '', delimiter: '', columns, identifierColumn: identifierColumn ?? '', defaults: {} };
      return renderEditor(reply, ctx, { institutionId, state }, new Map(institutions.map((i) => [i.id, i.name])));
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderNew(request, reply, ctx, { error: outcome, institutionId: fields.institution, pasted: fields.pasted }, status);
    }
  });

  app.post('/imports/mappings', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const state = editorFromForm(request.body);
    const institutionId = formString(request.body, 'institution');
    try {
      const saved = await createMapping(store, request.actor, { institutionId, name: state.name, mapping: mappingOf(state) });
      return reply.redirect(`/imports/mappings/${encodeURIComponent(saved.id)}?done=saved`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      const names = new Map((await institutionsOf(request, ctx)).map((i) => [i.id, i.name]));
      return renderEditor(reply, ctx, { institutionId, state, error: outcome }, names, status);
    }
  });

  app.get<IdParams>('/imports/mappings/:id', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const saved = await getMapping(store, request.actor, request.params.id);
    const names = new Map((await institutionsOf(request, ctx)).map((i) => [i.id, i.name]));
    const notice = formString(request.query, 'done') === 'saved' ? ctx.t('mappings.saved') : null;
    return renderEditor(reply, ctx, { id: saved.id, institutionId: saved.institutionId, state: editorFromMapping(saved.name, saved.mapping), notice }, names);
  });

  app.post<IdParams>('/imports/mappings/:id', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const current = await getMapping(store, request.actor, request.params.id);
    const state = editorFromForm(request.body);
    try {
      await updateMapping(store, request.actor, current.id, { name: state.name, mapping: mappingOf(state) });
      return reply.redirect(`/imports/mappings/${encodeURIComponent(current.id)}?done=saved`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      const names = new Map((await institutionsOf(request, ctx)).map((i) => [i.id, i.name]));
      return renderEditor(reply, ctx, { id: current.id, institutionId: current.institutionId, state, error: outcome }, names, status);
    }
  });

  app.post<IdParams>('/imports/mappings/:id/sample', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const current = await getMapping(store, request.actor, request.params.id);
    const names = new Map((await institutionsOf(request, ctx)).map((i) => [i.id, i.name]));
    const state = editorFromMapping(current.name, current.mapping);
    try {
      const sample = readSample((await readSampleForm(request)).sample, current.mapping.delimiter);
      const { columns } = editorColumns(sample, current.mapping.columns);
      return renderEditor(reply, ctx, { id: current.id, institutionId: current.institutionId, state: { ...state, columns } }, names);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderEditor(reply, ctx, { id: current.id, institutionId: current.institutionId, state, error: outcome }, names, status);
    }
  });

  app.post<IdParams>('/imports/mappings/:id/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await deleteMapping(store, request.actor, request.params.id);
    return reply.redirect('/imports/mappings?done=deleted', 303);
  });
};

/** The sample form's fields and the head of its file (else its pasted text); the rest of the file is drained. */
async function readSampleForm(request: FastifyRequest): Promise<{ fields: Record<string, string>; sample: Buffer | string }> {
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send the sample with the sample form', { problems: [{ field: 'sample', message: 'is missing' }] });
  const fields: Record<string, string> = {};
  let head = Buffer.alloc(0);
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as Readable) {
        if (size > SAMPLE_BYTES) continue;
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      head = Buffer.concat(chunks).subarray(0, SAMPLE_BYTES + 1);
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, sample: head.length ? head : (fields.pasted ?? '') };
}

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import { isUiLanguage } from '../../shared/i18n/i18n';
import type { SearchRunner } from '../search/search.runner';
import { edtfPreview } from './record.editor.edtf';
import { suggestTerms } from './record.editor.vocabulary';
import { TERM_FIELDS, type TermField } from './record.editor.form';

const Lang = Type.Optional(Type.String({ maxLength: 35, description: 'UI language of the answer (en, fr, es, ru, zh, ar)' }));

/** Small APIs behind the record editor: the reading of a date, and terms already in the catalogue. */
export const recordEditorApiRoutes: FastifyPluginAsyncTypebox<ModuleOptions & { search: SearchRunner }> = async (app, { store, search }) => {
  app.get('/api/v1/edtf', {
    schema: {
      tags: ['records'],
      summary: 'Validate an EDTF date (or derive one from catalogue text) and read it in words',
      querystring: Type.Object({
        value: Type.Optional(Type.String({ maxLength: 100, description: 'An EDTF value (1850~, 0301/1400, 188X)' })),
        display: Type.Optional(Type.String({ maxLength: 500, description: 'Date as catalogued ("4th–14th century"), used when value is empty' })),
        lang: Lang,
      }),
      response: {
        200: Type.Object({ valid: Type.Boolean(), edtf: Type.Union([Type.String(), Type.Null()]), derived: Type.Boolean(), text: Type.Union([Type.String(), Type.Null()]) }),
        400: ErrorSchema,
      },
    },
    handler: async (req) => edtfPreview(isUiLanguage(req.query.lang) ? req.query.lang : 'en', { edtf: req.query.value, display: req.query.display }),
  });

  app.get('/api/v1/vocabulary', {
    schema: {
      tags: ['records'],
      summary: 'Subjects, materials or techniques already used in records you may see whose label starts with q, with their vocabulary URIs',
      querystring: Type.Object({
        field: Type.Union(TERM_FIELDS.map((f) => Type.Literal(f))),
        q: Type.String({ minLength: 1, maxLength: 200 }),
        lang: Lang,
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
      }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ label: Type.String(), lang: Type.String(), uri: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() })) }),
        400: ErrorSchema,
        401: ErrorSchema,
      },
    },
    handler: async (req) => {
      // Suggestions serve cataloguing: staff only (the public has search).
      if (req.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to use the vocabulary picker');
      const lang = isUiLanguage(req.query.lang) ? req.query.lang : 'en';
      return { items: await suggestTerms(store, search, req.actor, { field: req.query.field as TermField, q: req.query.q, lang, limit: req.query.limit ?? 10 }) };
    },
  });
};

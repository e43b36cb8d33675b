import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping } from './mapping.service';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A CSV column mapping (checked by the mapping validator, which names every wrong column or key). */
export const CsvMappingSchema = Type.Object(
  {
    delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 1, description: 'One character; detected from the header line when absent' })),
    columns: Type.Record(Type.String(), Type.String(), {
      description: 'Column header → target: title, title.zh, description.fr, identifier.inventory, agent, agent.author, date, medium, place.lat, rights, ignore… (per-language targets take a BCP 47 suffix)',
    }),
    identifierColumn: Type.Optional(Type.String({ description: 'The column identifying the row in its source, so re-imports update' })),
    defaults: Type.Optional(
      Type.Object({
        kind: Type.Optional(Type.String()),
        rights: Type.Optional(Type.String()),
        visibility: Type.Optional(Type.String()),
        language: Type.Optional(Type.String({ description: 'BCP 47 tag of text columns without one' })),
      }),
    ),
  },
  { examples: [{ columns: { 'Object number': 'identifier.inventory', Title: 'title.en', 'Title (zh)': 'title.zh', Artist: 'agent', Date: 'date' }, identifierColumn: 'Object number', defaults: { rights: 'http://rightsstatements.org/vocab/InC/1.0/' } }] },
);

const SavedMappingSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  name: Type.String(),
  format: Type.Literal('csv'),
  mapping: CsvMappingSchema,
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedBy: Nullable(Type.String()),
  updatedAt: Type.String(),
});
const Name = Type.String({ minLength: 1, maxLength: 100, description: 'Unique within the institution; `heritage import --mapping NAME` and the import API’s `savedMapping` find it by this' });
const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = Object.fromEntries([400, 401, 403, 404, 409].map((s) => [s, ErrorSchema]));
const tags = ['imports'];

/** The saved-mappings API: an institution's named CSV column mappings, for imports to reuse. */
export const mappingRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/imports/mappings', {
    schema: {
      tags,
      summary: 'Saved CSV column mappings of the institutions whose records you edit (all for alliance admins)',
      querystring: Type.Object({ institution: Type.Optional(Type.String({ pattern: ID_PATTERN })) }),
      response: { 200: Type.Object({ items: Type.Array(SavedMappingSchema) }), ...errors },
    },
    handler: async (req) => ({ items: await listMappings(store, req.actor, { institutionId: req.query.institution }) }),
  });

  app.post('/api/v1/imports/mappings', {
    schema: {
      tags,
      summary: 'Save a CSV column mapping for an institution (its curators and admins; token scope import)',
      body: Type.Object({ institutionId: Type.String({ pattern: ID_PATTERN }), name: Name, mapping: CsvMappingSchema }, { additionalProperties: false }),
      response: { 201: SavedMappingSchema, ...errors },
    },
    handler: async (req, reply) => {
      const saved = await createMapping(store, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/imports/mappings/${saved.id}`).send(saved);
    },
  });

  app.get('/api/v1/imports/mappings/:id', {
    schema: { tags, summary: 'One saved mapping', params: Id, response: { 200: SavedMappingSchema, ...errors } },
    handler: async (req) => getMapping(store, req.actor, req.params.id),
  });

  app.patch('/api/v1/imports/mappings/:id', {
    schema: {
      tags,
      summary: 'Rename a saved mapping or replace its mapping',
      params: Id,
      body: Type.Object({ name: Type.Optional(Name), mapping: Type.Optional(CsvMappingSchema) }, { additionalProperties: false }),
      response: { 200: SavedMappingSchema, ...errors },
    },
    handler: async (req) => updateMapping(store, req.actor, req.params.id, req.body),
  });

  app.delete('/api/v1/imports/mappings/:id', {
    schema: { tags, summary: 'Delete a saved mapping (imports that used it keep their copy)', params: Id, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteMapping(store, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  });
};

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/*
 * The OpenAPI document at /api/openapi.json. Each domain registers its paths and the zod schemas of
 * its responses here; the component schemas are generated from those zod schemas, so the document
 * and the validation the tests run on real responses cannot drift apart.
 */

type PathItem = Record<string, unknown>;
const paths: Record<string, PathItem> = {};
const schemas: Record<string, z.ZodType> = {};

/** Adds a path (its OpenAPI operation objects) to the document. */
export function addPath(path: string, item: PathItem) {
  paths[path] = { ...(paths[path] ?? {}), ...item };
}

/** Adds a named response schema; `$ref: '#/components/schemas/<name>'` refers to it. */
export function addSchema(name: string, schema: z.ZodType) {
  schemas[name] = schema;
}

/** A JSON response whose body is the named schema (by default an error, ErrorResponse). */
export const jsonResponse = (description: string, schema = 'Error') => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/** Text in the three languages, as a response gives it (any of them may be missing). */
export const TranslatedText = z.object({
  kk: z.string().optional(),
  ru: z.string().optional(),
  en: z.string().optional(),
});

/** What a search answered for when it corrected a misspelt word (core/search), null when it corrected nothing. */
export const SearchedFor = z
  .string()
  .nullable()
  .describe('With q: the words searched for when a misspelt word was corrected; null when nothing was corrected');

/** The `{id}` of a path. */
export const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export const ErrorResponse = z.object({
  error: z.object({
    status: z.number().int(),
    title: z.string(),
    message: z.string(),
    reference: z.string().optional(),
  }),
});
addSchema('Error', ErrorResponse);

/** The whole document. */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kenes API',
      version: '1',
      description:
        'Open data of the consultative body: meetings with their agenda and documents, news, tasks, organisations and their membership, proposals with answers and stages, reporting cycles, recommendations with their actions, progress reports and assessments, comments, and one search over them all. Texts are objects with kk, ru and en keys; a missing key means no translation. Lists give `total` and page with limit and offset (proposals: page); `updated_since` lists only what changed since a moment, for harvesters. Errors are JSON in the language of Accept-Language, English when none is asked for.',
    },
    servers: [{ url: publicUrl }],
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, s]) => {
          // The dialect is the document's (OpenAPI 3.1: JSON Schema 2020-12), not repeated in each schema.
          const { $schema: _, ...json } = z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' });
          return [name, json];
        }),
      ),
    },
  };
}

export function openApiRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  app.get('/api/openapi.json', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
    return openApiDocument(deps.publicUrl);
  });
}

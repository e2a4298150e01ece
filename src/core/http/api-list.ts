import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { HttpError } from './http-error.ts';
import { addPath, addSchema, jsonResponse } from './openapi.ts';

/*
 * The read API's routes (/api/v1/…): one declaration gives the route, its query's validation, and
 * its entry in the OpenAPI document — the parameters and the response schema generated from the
 * same zod schemas, so the document cannot describe a query or an answer the route does not give.
 * test/api.test.ts validates the live answer of every /api/v1 route against the document.
 */

export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

/** The changes feed of a list: records changed at or after this moment (ISO 8601 date or date-time). */
export const UpdatedSince = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .describe('Only records changed at or after this moment (ISO 8601 date-time or date, UTC): a changes feed')
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2200);

/** The query of a list in the API: its filters, paging (limit, offset) and `updated_since`; nothing else. */
export function listQuery<S extends z.ZodRawShape>(filters: S, defaultLimit = 50) {
  return z.strictObject({
    ...filters,
    updated_since: UpdatedSince.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(defaultLimit),
    offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
  });
}

/** One page of a list: its items, how many match in all, and the page's limit and offset. */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** Where a list's page starts and how long it is (`listQuery` parses them). */
export interface Paging {
  limit: number;
  offset: number;
}

/**
 * A page of a list in two queries: the rows `select` reads of `base` (in its order), limited to the
 * page, and how many rows `base` has in all — of those changed since the query's `updated_since`,
 * when it has one, by the time columns (or expressions) of `changed` (any of them).
 */
export async function listPage<D, TB extends keyof D, O, R>(
  all: SelectQueryBuilder<D, TB, O>,
  list: {
    changed: readonly (string | Expression<unknown>)[];
    select: (base: SelectQueryBuilder<D, TB, O>) => SelectQueryBuilder<D, TB, R>;
  },
  page: Paging & { updated_since?: Date | undefined },
): Promise<{ rows: R[]; total: number }> {
  const { changed, select } = list;
  const base = page.updated_since ? all.where(changedSince(page.updated_since, changed)) : all;
  const [rows, total] = await Promise.all([
    select(base).limit(page.limit).offset(page.offset).execute() as Promise<R[]>,
    base.select(sql<string>`count(*)`.as('n')).$castTo<{ n: string }>().executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The answer of a list route (`listPageSchema`): the page's rows as `item` gives each, the total and the paging. */
export function listAnswer<R, I>(found: { rows: R[]; total: number }, page: Paging, item: (row: R) => I) {
  return { items: found.rows.map(item), total: found.total, limit: page.limit, offset: page.offset };
}

/** The condition "changed at or after `since`" over one or more time columns (any of them). */
export function changedSince(since: Date, columns: readonly (string | Expression<unknown>)[]): RawBuilder<SqlBool> {
  const after = columns.map((c) => sql<SqlBool>`${typeof c === 'string' ? sql.ref(c) : c} >= ${since}`);
  return sql<SqlBool>`(${sql.join(after, sql` OR `)})`;
}

/** The first wrong parameter of a query that did not parse (a 400 names it, in the reader's language). */
export function invalidParameter(name: string): HttpError {
  return new HttpError(400, `invalid query parameter ${name}`, 'api.invalidParameter', { name });
}

/** The query parsed by `schema`, or a 400 naming the first parameter that is wrong (or unknown). */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
  throw invalidParameter(String(name ?? 'query'));
}

type JsonSchema = Record<string, unknown>;

/** The OpenAPI parameters of a query schema (a zod object), each field's JSON Schema generated from it. */
export function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const {
      $schema: _,
      description,
      ...json
    } = z.toJSONSchema(field as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    const required = !(field as z.ZodType).safeParse(undefined).success;
    return {
      name,
      in: 'query',
      ...(description ? { description } : {}),
      ...(required ? { required } : {}),
      schema: json,
    };
  });
}

/** What an API route declares: its summary, query, answer (a named schema) and the errors it may give. */
export interface ApiRoute<Q extends z.ZodObject, R extends z.ZodType, P extends Record<string, string>> {
  summary: string;
  description?: string;
  /** The query's schema (a strict object: an unknown parameter is a 400). */
  query?: Q;
  /** The answer's name in the document and its schema. */
  response: { name: string; schema: R; description: string };
  /** Path parameters (`:name` in the route) and their descriptions. */
  pathParameters?: P;
  /** E.g. { 404: 'No such meeting (or not visible to you)' }. */
  errors?: Record<number, string>;
}

/**
 * A GET route of the read API: the query parsed (400 naming a wrong parameter), the handler's answer
 * typed by the response schema, CORS open, and the route, its parameters and its answer in the
 * OpenAPI document.
 */
export function apiGet<
  R extends z.ZodType,
  Q extends z.ZodObject = z.ZodObject<Record<never, z.ZodType>>,
  P extends Record<string, string> = Record<never, string>,
>(
  app: FastifyInstance,
  path: string,
  route: ApiRoute<Q, R, P>,
  handler: (req: FastifyRequest<{ Params: { [K in keyof P]: string } }>, query: z.output<Q>) => Promise<z.input<R>>,
) {
  addSchema(route.response.name, route.response.schema);
  const pathParams = Object.entries(route.pathParameters ?? {}).map(([name, description]) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string' },
  }));
  const errors = {
    ...(route.query ? { 400: 'A query parameter is not valid (the message names it)' } : {}),
    ...route.errors,
  };
  addPath(path.replace(/:([A-Za-z_]+)/g, '{$1}'), {
    get: {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      parameters: [...pathParams, ...(route.query ? queryParameters(route.query) : [])],
      responses: {
        200: jsonResponse(route.response.description, route.response.name),
        ...Object.fromEntries(Object.entries(errors).map(([status, text]) => [status, jsonResponse(text)])),
      },
    },
  });
  app.get<{ Params: { [K in keyof P]: string } }>(path, async (req, reply) => {
    const query = (route.query ? parseQuery(route.query, req.query) : {}) as z.output<Q>;
    const body = await handler(req, query);
    reply.header('access-control-allow-origin', '*');
    return body;
  });
}

/** What a route of one record declares: `apiGet`'s summary, its record's name, schema and noun, and its handler. */
export interface ApiRecordRoute<R extends z.ZodType, P extends string> {
  summary: string;
  /** The answer: its name and schema in the document, and the noun that says "The meeting", "No such meeting". */
  record: { name: string; schema: R; noun: string };
  /** The path parameter's description, when it is not "The {noun}" (the record's id). */
  parameter?: string;
  /** The reader may not see every record: a 404 says "(or not visible to you)". */
  restricted?: boolean;
  handler: (req: FastifyRequest<{ Params: { [K in P]: string } }>) => Promise<z.input<R>>;
}

/**
 * A GET route of the read API that answers one record, named by the path's parameter (`:id`, `:slug`):
 * `apiGet` with the parameter, the answer and the 404 described in the document from the record's noun.
 */
export function apiGetOne<R extends z.ZodType, P extends string>(
  app: FastifyInstance,
  path: `${string}/:${P}`,
  route: ApiRecordRoute<R, P>,
) {
  const { name, schema, noun } = route.record;
  const parameter = path.slice(path.lastIndexOf(':') + 1) as P;
  apiGet(
    app,
    path,
    {
      summary: route.summary,
      pathParameters: { [parameter]: route.parameter ?? `The ${noun}` } as { [K in P]: string },
      response: { name, schema, description: `The ${noun}` },
      errors: { 404: `No such ${noun}${route.restricted ? ' (or not visible to you)' : ''}` },
    },
    route.handler,
  );
}

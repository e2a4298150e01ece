import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../core/extensions.ts';
import { apiGet, listAnswer, listPageSchema } from '../../core/http/api-list.ts';
import { TranslatedText as Translated } from '../../core/http/openapi.ts';
import { apiNewsList, apiTaskList } from './queries.ts';
import { NewsApiQuery, TasksApiQuery } from './schema.ts';

/** A published communiqué (News), with the meeting it reports on. */
export const NewsItemSchema = z.object({
  id: z.string(),
  title: Translated,
  body: Translated,
  publishedAt: z.string(),
  updatedAt: z.string(),
  meeting: z.object({ id: z.string(), number: z.number().int(), url: z.string() }),
  url: z.string(),
});
export const NewsListSchema = listPageSchema(NewsItemSchema);

/** A task a meeting's decision set an organisation, with its deadline and whether it is done. */
export const TaskSchema = z.object({
  id: z.string(),
  description: Translated,
  organisation: z.object({ slug: z.string(), name: Translated }),
  deadline: z.string(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  decisionId: z.string(),
  meeting: z.object({ id: z.string(), number: z.number().int(), url: z.string() }),
});
export const TaskListSchema = listPageSchema(TaskSchema);

/** /api/v1/news and /api/v1/tasks: the visibility of meetings' parts (visibility.ts) decides what is listed. */
export function newsAndTasksApi(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const meeting = (id: string, number: number) => ({ id, number, url: `${deps.publicUrl}/en/meetings/${id}` });

  apiGet(
    app,
    '/api/v1/news',
    {
      summary: 'News: the published communiqués of meetings, newest first',
      query: NewsApiQuery,
      response: { name: 'NewsList', schema: NewsListSchema, description: 'A page of communiqués' },
    },
    async (req, q) => {
      return listAnswer(await apiNewsList(db, req.user, q), q, (n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        publishedAt: (n.publishedAt as Date).toISOString(),
        updatedAt: n.updatedAt.toISOString(),
        meeting: meeting(n.meetingId, n.meetingNumber),
        url: `${deps.publicUrl}/en/news/${n.id}`,
      }));
    },
  );

  apiGet(
    app,
    '/api/v1/tasks',
    {
      summary: "Tasks set by meetings' decisions, nearest deadline first",
      query: TasksApiQuery,
      response: { name: 'TaskList', schema: TaskListSchema, description: 'A page of tasks' },
    },
    async (req, q) => {
      return listAnswer(await apiTaskList(db, req.user, q), q, (t) => ({
        id: t.id,
        description: t.description,
        organisation: t.organisation,
        deadline: t.deadline,
        doneAt: t.doneAt?.toISOString() ?? null,
        overdue: t.overdue,
        createdAt: t.createdAt.toISOString(),
        decisionId: t.decisionId,
        meeting: meeting(t.meetingId, t.meetingNumber),
      }));
    },
  );
}

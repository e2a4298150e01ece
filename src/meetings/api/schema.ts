import { z } from 'zod';
import { listQuery } from '../../core/http/api-list.ts';
import { date, ID_PATTERN } from '../../core/http/forms.ts';
import { MEETING_STATUSES } from '../workflow.ts';

/** The query of /api/v1/meetings: status, a span of start dates, paging and the changes feed. */
export const MeetingsApiQuery = listQuery(
  {
    status: z.enum(MEETING_STATUSES).optional(),
    from: date.optional().describe('Meetings starting on or after this date (YYYY-MM-DD)'),
    to: date.optional().describe('Meetings starting on or before this date (YYYY-MM-DD)'),
  },
  20,
);

/** The query of /api/v1/news: paging and the changes feed. */
export const NewsApiQuery = listQuery({});

/** The query of /api/v1/tasks: a meeting, a responsible organisation (slug), open or done, paging, changes. */
export const TasksApiQuery = listQuery({
  meeting: z.string().regex(ID_PATTERN).optional().describe('Tasks set at this meeting (its id)'),
  organisation: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .describe('Tasks of this organisation (its slug)'),
  state: z.enum(['open', 'done', 'overdue']).optional().describe('open, done, or open past the deadline'),
});

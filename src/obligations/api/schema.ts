import { z } from 'zod';
import { ACTION_STATUSES, ASSESSMENT_LEVELS } from '../../core/db/schema-obligations.ts';
import { listQuery } from '../../core/http/api-list.ts';
import { ID_PATTERN } from '../../core/http/forms.ts';

/** The queries of the implementation lists: filters by record and organisation, paging, changes. */

const id = (what: string) => z.string().regex(ID_PATTERN).optional().describe(what);
const slug = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .describe(what);

export const ActionsApiQuery = listQuery({
  recommendation: id('Actions on this recommendation (its id; not those of its cluster)'),
  body: slug('Actions this organisation is responsible for (its slug)'),
  status: z.enum(ACTION_STATUSES).optional(),
});

export const ProgressApiQuery = listQuery({
  action: id('Reports on this action (its id)'),
  recommendation: id('Reports on actions on this recommendation (its id)'),
  body: slug('Reports on actions this organisation is responsible for (its slug)'),
});

export const AssessmentsApiQuery = listQuery({
  recommendation: id('Assessments of this recommendation (its id)'),
  side: z.enum(['state', 'civil_society', 'nhri']).optional(),
  level: z.enum(ASSESSMENT_LEVELS).optional(),
  organisation: slug('Assessments by this organisation (its slug)'),
});

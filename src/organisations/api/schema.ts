import { z } from 'zod';
import { ORGANISATION_CATEGORIES, type OrganisationCategory } from '../../core/db/schema-organisations.ts';
import { listQuery } from '../../core/http/api-list.ts';

/** The query of /api/v1/organisations: a category, current members only, paging, changes. */
export const OrganisationsApiQuery = listQuery({
  category: z.enum(ORGANISATION_CATEGORIES as [OrganisationCategory, ...OrganisationCategory[]]).optional(),
  member: z.literal('1').optional().describe('Only current members of a body of the platform'),
});

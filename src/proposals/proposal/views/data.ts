import type { CommentSection } from '../../../core/comments/section.ts';
import type { PageContext } from '../../../core/html/context.ts';
import type { Values } from '../../../core/html/fields.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import type { Translated } from '../../../core/i18n/translated.ts';
import type { RecommendationLink } from '../../../obligations/index.ts';
import type { ProposalDetail } from '../queries.ts';

export interface ProposalPageData {
  proposal: ProposalDetail;
  timeline: {
    id: string;
    at: Date;
    actorName: string;
    organisationName: Translated | null;
    kind: string;
    detail: Record<string, unknown>;
    reason: string | null;
  }[];
  following: boolean;
  isAuthor: boolean;
  /** The viewer represents an organisation invited to co-author, answer pending. */
  isInvited: boolean;
  myAddressee: ProposalDetail['addressees'][number] | undefined;
  nextStage: string | undefined;
  /** The reader may give or withdraw support here (support/use-cases.ts says the same). */
  maySupport: boolean;
  /** The answer deadline the assignment form proposes (settings: answer_deadline_days). */
  defaultDeadline: string;
  /** The international recommendations this proposal would implement. */
  recommendations: RecommendationLink[];
  /** The state bodies the reader may address it to, when they may change its addressees (visibility.ts). */
  addressable?: { id: string; name: Translated }[] | undefined;
  /** Its comments, when it is public (core/comments). */
  comments: CommentSection | null;
  forms?: Record<string, { values: Values; errors: FieldErrors }>;
}

/** What each section of the proposal page is given. */
export interface SectionProps {
  ctx: PageContext;
  data: ProposalPageData;
}

/** The names every section of the page uses: the proposal, its base path, staff or not, a posted form. */
export function scope({ ctx, data }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const p = data.proposal;
  return {
    i18n,
    lang,
    p,
    base: `/${lang}/proposals/${p.id}`,
    staff: ctx.can('manage-proposals'),
    form: (name: string) => data.forms?.[name],
  };
}

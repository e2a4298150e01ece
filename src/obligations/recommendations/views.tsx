import type { CommentSection } from '../../core/comments/section.ts';
import { CommentsSection } from '../../core/comments/views.tsx';
import type { AssessmentSide } from '../../core/db/schema-obligations.ts';
import type { PageContext } from '../../core/html/context.ts';
import { Fact, NamesFact } from '../../core/html/facts.tsx';
import type { FormStates, Values } from '../../core/html/fields.tsx';
import { Kept } from '../../core/html/kept.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { TLink } from '../../core/html/links.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { Breadcrumbs } from '../breadcrumbs.tsx';
import type { AssessmentDetail } from '../implementation/queries.ts';
import { ActionsSection, AssessmentsSection } from '../implementation/views.tsx';
import { titleFromText } from '../recommendation-title.ts';
import { stateName } from '../states.ts';
import type { RecommendationDetail, RecommendationFormOptions } from './queries.ts';
import { ClusterSection, LinksSection, RepeatsSection } from './relations.tsx';
import { sectionScope } from './section-scope.ts';

/** A recommendation's page: what it says, its assessments and implementation, its cluster, repeats and links. */

export function recommendationLabel(r: {
  mechanism: { code: string };
  symbol: string | null;
  paragraph: string | null;
}) {
  return [r.mechanism.code, r.symbol, r.paragraph ? `¶ ${r.paragraph}` : null].filter(Boolean).join(' · ');
}

export type RecommendationPageForms = FormStates<'action' | 'assessment' | 'cluster' | 'link'> & {
  progress?: { actionId: string; values: Values; errors: FieldErrors } | undefined;
  evidence?: { reportId: string; errors: FieldErrors } | undefined;
};

/** What each section of the page is given. */
export interface SectionProps {
  ctx: PageContext;
  r: RecommendationDetail;
  extras: RecommendationPageExtras;
  forms: RecommendationPageForms;
}

export interface RecommendationPageExtras {
  /** The viewer's organisation, when they may assess: its side and current assessment. */
  assessor: { side: AssessmentSide; organisationName: Translated; current: AssessmentDetail | undefined } | null;
  /** Kenes's proposed likely repeats (staff only). */
  proposedRepeats: { id: string; text: Translated; label: string; similarity: number }[];
  clusters: { id: string; title: Translated }[];
  options: RecommendationFormOptions | null;
  linkOptions: {
    proposals: { id: string; title: Translated }[];
    agendaItems: { id: string; meetingNumber: number; title: Translated }[];
    tasks: { id: string; meetingNumber: number; description: Translated }[];
  } | null;
  today: string;
}

/**
 * The recommendation's page. All but its comments is the same for every reader of the kept
 * recommendation (its audience's) with the same role, organisation (an assessor's form) and language,
 * on the same day: rendered once while it is kept (Kept), unless a form is sent back to be corrected.
 * The extras are read under the same version (page.tsx).
 */
export function RecommendationPage({
  ctx,
  r,
  extras,
  forms,
  comments,
}: {
  ctx: PageContext;
  r: RecommendationDetail;
  extras: RecommendationPageExtras;
  forms?: RecommendationPageForms;
  comments?: CommentSection | null;
}) {
  const { i18n } = sectionScope(ctx);
  return (
    <Layout ctx={ctx} title={`${labelOf(r, ctx)} — ${i18n.t('obligations.recommendation')}`} section="recommendations">
      <Kept
        owner={r}
        name={`recommendation:${extras.today}`}
        ctx={ctx}
        fresh={forms !== undefined}
        view={(partCtx) => <RecommendationContent ctx={partCtx} r={r} extras={extras} forms={forms ?? {}} />}
      />
      {comments && <CommentsSection ctx={ctx} section={comments} />}
    </Layout>
  );
}

/** Without a symbol there is no reference to be called by: the first words of the text (issue 13). */
const labelOf = (r: RecommendationDetail, ctx: PageContext) =>
  r.symbol ? recommendationLabel(r) : titleFromText(plain(r.text, ctx.i18n));

function RecommendationContent({ ctx, r, extras, forms }: SectionProps) {
  const { i18n, lang } = sectionScope(ctx);
  const label = labelOf(r, ctx);
  const heading = r.symbol ? i18n.t('obligations.recommendationTitle', { label }) : label;
  const otherLanguages = LANGS.filter((l) => l !== i18n.pick(r.text)?.lang && r.text[l]);
  return (
    <>
      <Breadcrumbs
        href={`/${lang}/recommendations`}
        label={i18n.t('nav.recommendations')}
        record={r.cycle && <TLink href={`/${lang}/cycles/${r.cycle.id}`} value={r.cycle.title} i18n={i18n} />}
      />
      <p class="eyebrow">
        <abbr title={plain(r.mechanism.name, i18n)}>{r.mechanism.code}</abbr> · {stateName(r.stateCode, lang)}
        {r.priority && (
          <>
            {' '}
            <span class="badge">{i18n.t('obligations.priority')}</span>
          </>
        )}
      </p>
      <h1>{heading}</h1>
      <blockquote class="recommendation-text">
        <p>
          <T value={r.text} i18n={i18n} />
        </p>
      </blockquote>
      {otherLanguages.length > 0 && (
        <details>
          <summary>{i18n.t('obligations.otherLanguages')}</summary>
          {otherLanguages.map((l) => (
            <p lang={l}>
              <strong>{LANG_NATIVE_NAMES[l]}:</strong> {r.text[l]}
            </p>
          ))}
        </details>
      )}
      <RecommendationFacts ctx={ctx} r={r} />
      <AssessmentsSection ctx={ctx} r={r} extras={extras} forms={forms} />
      <ActionsSection ctx={ctx} r={r} extras={extras} forms={forms} />
      <ClusterSection ctx={ctx} r={r} extras={extras} forms={forms} />
      <RepeatsSection ctx={ctx} r={r} extras={extras} forms={forms} />
      <LinksSection ctx={ctx} r={r} extras={extras} forms={forms} />
    </>
  );
}

function RecommendationFacts({ ctx, r }: Pick<SectionProps, 'ctx' | 'r'>) {
  const { i18n, lang, staff } = sectionScope(ctx);
  return (
    <>
      <dl class="facts">
        <dt>{i18n.t('obligations.response')}</dt>
        <dd>{r.response ? i18n.t(`obligations.response.${r.response}`) : i18n.t('obligations.response.none')}</dd>
        <dt>{i18n.t('obligations.status')}</dt>
        <dd>
          <span class={`level level-${r.status}`}>{i18n.t(`obligations.level.${r.status}`)}</span>
        </dd>
        {r.recommendingState && (
          <>
            <dt>{i18n.t('obligations.recommendingState')}</dt>
            <dd>{stateName(r.recommendingState, lang)}</dd>
          </>
        )}
        {r.adoptedOn && (
          <>
            <dt>{i18n.t('obligations.adoptedOn')}</dt>
            <dd>{i18n.date(r.adoptedOn)}</dd>
          </>
        )}
        {r.session && (
          <>
            <dt>{i18n.t('obligations.session')}</dt>
            <dd>{r.session}</dd>
          </>
        )}
        {r.themes.length > 0 && (
          // A theme an import created has the file's language only: marked "not translated" in the others.
          <Fact term={i18n.t('obligations.themes')} class="theme-names">
            {r.themes.map((theme, i) => (
              <>
                {i > 0 && ', '}
                <T value={theme.name} i18n={i18n} />
              </>
            ))}
          </Fact>
        )}
        <NamesFact term={i18n.t('obligations.affectedPersons')} names={r.groups} i18n={i18n} />
        {r.sdgTargets.length > 0 && (
          <>
            <dt>{i18n.t('obligations.sdgTargets')}</dt>
            <dd>
              <ul>
                {r.sdgTargets.map((s) => (
                  <li>
                    <strong>{s.code}</strong> <T value={s.text} i18n={i18n} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {staff && (
        <p>
          <a href={`/${lang}/recommendations/${r.id}/edit`}>{i18n.t('obligations.editRecommendation')}</a>
        </p>
      )}
    </>
  );
}

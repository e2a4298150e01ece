import { Tabs } from '../../core/html/components.tsx';
import type { PageContext } from '../../core/html/context.ts';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { type Fields, fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { ButtonLink, TLink } from '../../core/html/links.tsx';
import { Table } from '../../core/html/table.tsx';
import { plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { Breadcrumbs } from '../breadcrumbs.tsx';
import type { MechanismRef } from '../queries.ts';
import { stateName } from '../states.ts';
import type { CycleRow } from './queries.ts';

export function cycleTitle(c: { title: Translated; mechanism: MechanismRef }, ctx: PageContext): string {
  return `${c.mechanism.code}: ${plain(c.title, ctx.i18n)}`;
}

/** Where the obligations pages are, as tabs: cycles, recommendations, mechanisms (and, for staff, import and new). */
export function ObligationsNav({
  ctx,
  current,
}: {
  ctx: PageContext;
  current: 'cycles' | 'recommendations' | 'mechanisms';
}) {
  const lang = ctx.i18n.lang;
  const links = [
    { key: 'cycles', href: `/${lang}/cycles`, label: ctx.i18n.t('obligations.cycles') },
    { key: 'recommendations', href: `/${lang}/recommendations`, label: ctx.i18n.t('nav.recommendations') },
    { key: 'mechanisms', href: `/${lang}/mechanisms`, label: ctx.i18n.t('mechanisms.title') },
    ...(ctx.can('manage-obligations')
      ? [
          { key: 'import', href: `/${lang}/recommendations/import`, label: ctx.i18n.t('import.title') },
          { key: 'new', href: `/${lang}/recommendations/new`, label: ctx.i18n.t('obligations.newRecommendation') },
        ]
      : []),
  ];
  return <Tabs label={ctx.i18n.t('nav.obligations')} current={current} links={links} />;
}

export function CycleListPage({ ctx, cycles }: { ctx: PageContext; cycles: CycleRow[] }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('obligations.cycles')} section="obligations">
      <ObligationsNav ctx={ctx} current="cycles" />
      <h1>{i18n.t('obligations.cycles')}</h1>
      <p class="lead">{i18n.t('obligations.cyclesIntro')}</p>
      <p class="button-row">
        {ctx.can('manage-obligations') && (
          <ButtonLink href={`/${lang}/cycles/new`}>{i18n.t('obligations.newCycle')}</ButtonLink>
        )}{' '}
        <a href={`/${lang}/cycles.ics`}>{i18n.t('obligations.calendarFeed')}</a>
      </p>
      {cycles.length === 0 ? (
        <EmptyState
          text={i18n.t('obligations.noCycles')}
          hint={i18n.t('obligations.noCyclesHint')}
          action={
            ctx.can('manage-obligations') && { href: `/${lang}/cycles/new`, label: i18n.t('obligations.newCycle') }
          }
        />
      ) : (
        <Table
          caption={i18n.t('obligations.cycles')}
          columns={[
            ...(['mechanism', 'cycle', 'state', 'nextStage', 'lateStages'] as const).map((k) =>
              i18n.t(`obligations.${k}`),
            ),
            i18n.t('nav.recommendations'),
          ]}
        >
          {cycles.map((c) => (
            <tr>
              <td>
                <abbr title={plain(c.mechanism.name, i18n)}>{c.mechanism.code}</abbr>
              </td>
              <th scope="row">
                <TLink href={`/${lang}/cycles/${c.id}`} value={c.title} i18n={i18n} />
              </th>
              <td>{stateName(c.stateCode, lang)}</td>
              <td>
                {c.next ? (
                  <>
                    {i18n.t(`obligations.stage.${c.next.kind}`)} — {i18n.date(c.next.dueOn)}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>{c.late ? <strong class="overdue">{i18n.number(c.late)}</strong> : '0'}</td>
              <td>{i18n.number(c.recommendations)}</td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

/** The State (ISO code) and the mechanism: the first two fields of a cycle's and a recommendation's form. */
export function StateAndMechanismFields({
  ctx,
  field,
  mechanisms,
}: {
  ctx: PageContext;
  field: Fields;
  mechanisms: MechanismRef[];
}) {
  const { i18n } = ctx;
  return (
    <>
      <TextField
        {...field('stateCode')}
        label={i18n.t('obligations.stateCode')}
        hint={i18n.t('obligations.stateCodeHint')}
        maxLength={2}
        required
      />
      <Select
        {...field('mechanismId')}
        label={i18n.t('obligations.mechanism')}
        options={mechanisms.map((m) => ({ value: m.id, label: `${m.code} — ${plain(m.name, i18n)}` }))}
      />
    </>
  );
}

/** The symbol of a UN document (a cycle's document, a recommendation). */
export function SymbolField({ ctx, field }: { ctx: PageContext; field: Fields }) {
  const { i18n } = ctx;
  return (
    <TextField
      {...field('symbol')}
      label={i18n.t('obligations.symbol')}
      hint={i18n.t('obligations.symbolHint')}
      maxLength={100}
    />
  );
}

/** The description of a cycle or of an implementation action, in each language. */
export function DescriptionInputs({ ctx, field }: { ctx: PageContext; field: Fields }) {
  return (
    <TranslatedInputs
      {...field.translated('description')}
      legend={ctx.i18n.t('obligations.description')}
      maxLength={5000}
      rows={3}
    />
  );
}

export function CycleFormPage({
  ctx,
  cycle,
  values,
  errors,
  mechanisms,
}: {
  ctx: PageContext;
  cycle?: { id: string; title: Translated } | undefined;
  values: Values;
  errors?: FieldErrors | undefined;
  mechanisms: MechanismRef[];
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const title = cycle ? i18n.t('obligations.editCycle') : i18n.t('obligations.newCycle');
  const field = fieldsOf(values, errors);
  return (
    <Layout ctx={ctx} title={title} section="obligations">
      <Breadcrumbs
        href={`/${lang}/cycles`}
        label={i18n.t('obligations.cycles')}
        record={cycle && <TLink href={`/${lang}/cycles/${cycle.id}`} value={cycle.title} i18n={i18n} />}
      />
      <h1>{title}</h1>
      <Form ctx={ctx} errors={errors} action={cycle ? `/${lang}/cycles/${cycle.id}/edit` : `/${lang}/cycles`}>
        <StateAndMechanismFields ctx={ctx} field={field} mechanisms={mechanisms} />
        <TextField {...field('number')} label={i18n.t('obligations.cycleNumber')} maxLength={2} />
        <TextField
          {...field('session')}
          label={i18n.t('obligations.cycleSession')}
          hint={i18n.t('obligations.cycleSessionHint')}
          maxLength={3}
        />
        <TranslatedInputs
          {...field.translated('title')}
          legend={i18n.t('obligations.cycleTitle')}
          hint={i18n.t('obligations.cycleTitleHint')}
          maxLength={300}
        />
        <DescriptionInputs ctx={ctx} field={field} />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}

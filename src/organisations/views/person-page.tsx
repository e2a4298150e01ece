import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { Button, Form, StaffForm, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { TLink } from '../../core/html/links.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../sort.ts';
import { PositionTitle } from './position-title.tsx';

interface Position {
  id: string;
  title: Translated;
  since: string;
  until: string | null;
  slug: string;
  organisationName: Translated;
}

/** A person and the positions they held, newest first; staff add and end positions here. */
export function PersonPage({
  ctx,
  person,
  positions,
  organisations,
  form,
}: {
  ctx: PageContext;
  person: { id: string; name: Translated };
  positions: Position[];
  organisations: { id: string; name: Translated }[];
  form?: { values: Values; errors: FieldErrors } | undefined;
}) {
  const { i18n } = ctx;
  const field = fieldsOf(form?.values, form?.errors);
  const lang = i18n.lang;
  const manage = ctx.can('manage-people');
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Layout ctx={ctx} title={plain(person.name, i18n)} section="organisations">
      <h1>
        <T value={person.name} i18n={i18n} />
      </h1>
      <h2>{i18n.t('people.positions')}</h2>
      <ul class="positions">
        {positions.map((p) => (
          <li>
            <TLink href={`/${lang}/organisations/${p.slug}`} value={p.organisationName} i18n={i18n} />
            <PositionTitle title={p.title} i18n={i18n} />: {i18n.date(p.since)} –{' '}
            {p.until ? i18n.date(p.until) : i18n.t('people.present')}
            {manage && !p.until && (
              <Form ctx={ctx} action={`/${lang}/positions/${p.id}/end`} className="inline-end">
                <TextField name="until" type="date" label={i18n.t('people.until')} value={today} required />
                <Button>{i18n.t('people.end')}</Button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <StaffForm summary={i18n.t('people.addPosition')} open={Boolean(form)}>
          <Form ctx={ctx} errors={form?.errors} action={`/${lang}/people/${person.id}/positions`}>
            <Select
              {...field('organisationId')}
              label={i18n.t('people.organisation')}
              options={sortByName(organisations, i18n).map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
            />
            <TranslatedInputs {...field.translated('title')} legend={i18n.t('people.position')} maxLength={200} />
            <TextField {...field('since')} type="date" label={i18n.t('people.since')} />
            <Submit>{i18n.t('people.addPosition')}</Submit>
          </Form>
        </StaffForm>
      )}
    </Layout>
  );
}

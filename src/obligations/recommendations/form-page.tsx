import { RESPONSES } from '../../core/db/schema-obligations.ts';
import type { PageContext } from '../../core/html/context.ts';
import {
  Checkbox,
  CheckboxGroup,
  fieldsOf,
  Select,
  TextField,
  TranslatedInputs,
  type Values,
} from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { markedPlain, plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { Breadcrumbs } from '../breadcrumbs.tsx';
import { StateAndMechanismFields, SymbolField } from '../cycles/views.tsx';
import type { RecommendationFormOptions } from './queries.ts';

/** The form of a new or an existing recommendation. */

export function RecommendationFormPage({ ctx, id, values, multi, errors, options }: FormProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const title = id ? i18n.t('obligations.editRecommendation') : i18n.t('obligations.newRecommendation');
  return (
    <Layout ctx={ctx} title={title} section="recommendations">
      <Breadcrumbs
        href={`/${lang}/recommendations`}
        label={i18n.t('nav.recommendations')}
        record={id && <a href={`/${lang}/recommendations/${id}`}>#{id}</a>}
      />
      <h1>{title}</h1>
      <Form ctx={ctx} errors={errors} action={id ? `/${lang}/recommendations/${id}/edit` : `/${lang}/recommendations`}>
        <StateAndMechanismFields ctx={ctx} field={fieldsOf(values, errors)} mechanisms={options.mechanisms} />
        <SourceFields ctx={ctx} values={values} errors={errors} options={options} multi={multi} />
        <ListFields ctx={ctx} values={values} errors={errors} options={options} multi={multi} />
        <Checkbox name="priority" label={i18n.t('obligations.priorityFlag')} checked={values.priority === 'on'} />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}

interface FormProps {
  ctx: PageContext;
  id?: string | undefined;
  values: Values;
  multi: { themeIds: string[]; groupIds: string[]; sdgTargets: string[] };
  errors?: FieldErrors | undefined;
  options: RecommendationFormOptions;
}

/** Where the recommendation comes from: cycle, symbol, dates, text, recommending State, response. */
function SourceFields({ ctx, values, errors, options }: FormProps) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  return (
    <>
      <Select
        {...field('cycleId')}
        label={i18n.t('obligations.cycle')}
        empty={i18n.t('obligations.noCycleOption')}
        options={options.cycles.map((c) => ({ value: c.id, label: `${c.code}: ${plain(c.title, i18n)}` }))}
      />
      <SymbolField ctx={ctx} field={field} />
      <TextField {...field('paragraph')} label={i18n.t('obligations.paragraph')} maxLength={40} />
      <TextField {...field('adoptedOn')} type="date" label={i18n.t('obligations.adoptedOn')} />
      <TextField {...field('session')} label={i18n.t('obligations.session')} maxLength={200} />
      <TranslatedInputs
        {...field.translated('text')}
        legend={i18n.t('obligations.recommendationText')}
        maxLength={10_000}
        rows={5}
      />
      <TextField
        {...field('recommendingState')}
        label={i18n.t('obligations.recommendingStateCode')}
        hint={i18n.t('obligations.recommendingStateHint')}
        maxLength={2}
      />
      <Select
        {...field('response')}
        label={i18n.t('obligations.response')}
        empty={i18n.t('obligations.response.none')}
        options={RESPONSES.map((x) => ({ value: x, label: i18n.t(`obligations.response.${x}`) }))}
      />
    </>
  );
}

/** What the recommendation is about: themes, affected groups, SDG targets. */
function ListFields({ ctx, errors, options, multi }: FormProps) {
  const { i18n } = ctx;
  const chooseAmong = (name: 'themeIds' | 'groupIds', legend: string, among: { id: string; name: Translated }[]) => (
    <CheckboxGroup
      name={name}
      legend={legend}
      error={errors?.[name]}
      chosen={multi[name]}
      options={among.map((x) => ({ value: x.id, label: plain(x.name, i18n) }))}
    />
  );
  return (
    <>
      {chooseAmong('themeIds', i18n.t('obligations.themes'), options.themes)}
      {chooseAmong('groupIds', i18n.t('obligations.affectedPersons'), options.groups)}
      <div class={errors?.sdgTargets ? 'field has-error' : 'field'}>
        <label for="field-sdgTargets">{i18n.t('obligations.sdgTargets')}</label>
        <p class="hint" id="hint-sdgTargets">
          {i18n.t('obligations.sdgHint')}
        </p>
        {errors?.sdgTargets && <p class="field-error">{errors.sdgTargets}</p>}
        <select id="field-sdgTargets" name="sdgTargets" multiple size={8} aria-describedby="hint-sdgTargets">
          {options.sdg.map((s) => {
            // The UN's target texts exist in English only so far: marked, as every untranslated text is.
            const text = markedPlain(i18n.pick(s.text), i18n, 120);
            return (
              <option value={s.code} selected={multi.sdgTargets.includes(s.code)} lang={text.lang}>
                {s.code} {text.text}
              </option>
            );
          })}
        </select>
      </div>
    </>
  );
}

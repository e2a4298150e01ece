import type { PageContext } from '../../../core/html/context.ts';
import {
  CheckboxGroup,
  fieldsOf,
  Select,
  TextField,
  TranslatedInputs,
  type Values,
} from '../../../core/html/fields.tsx';
import { ErrorSummary, Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import { TLink } from '../../../core/html/links.tsx';
import { plain, T } from '../../../core/html/text.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../../core/i18n/locales.ts';
import type { Translated } from '../../../core/i18n/translated.ts';
import { sortByName } from '../../../organisations/index.ts';
import { PROPOSAL_KINDS } from '../../schema.ts';
import type { Org } from '../../tracker/views/tracker-page.tsx';

export interface ProposalFormOptions {
  organisations: Org[];
  themes: { id: string; name: Translated }[];
  meetings: { id: string; number: number; title: Translated }[];
  agendaItems: { id: string; meetingId: string; position: number; title: Translated; number: number }[];
}

export function ProposalFormPage({
  ctx,
  values,
  multi,
  errors,
  options,
  similar,
}: {
  ctx: PageContext;
  values: Values;
  multi: Record<string, string[]>;
  errors?: FieldErrors | undefined;
  options: ProposalFormOptions;
  similar: { id: string; title: Translated }[] | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const own = ctx.user?.organisationId;
  const field = fieldsOf(values, errors);
  const checkboxes = (name: string, items: { id: string; name: Translated }[], legend: string, hint?: string) => (
    <CheckboxGroup
      name={name}
      legend={legend}
      hint={hint}
      error={errors?.[name]}
      chosen={multi[name] ?? []}
      options={sortByName(items, i18n).map((o) => ({ value: o.id, label: <T value={o.name} i18n={i18n} /> }))}
    />
  );
  return (
    <TitledPage ctx={ctx} title={i18n.t('proposals.new')} section="proposals">
      <ErrorSummary ctx={ctx} errors={errors} />
      {similar && (
        <div class="flash" role="status">
          {similar.length === 0 ? (
            <p>{i18n.t('proposal.noSimilar')}</p>
          ) : (
            <>
              <p>{i18n.t('proposal.similar')}</p>
              <ul>
                {similar.map((s) => (
                  <li>
                    <TLink href={`/${lang}/proposals/${s.id}`} value={s.title} i18n={i18n} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <Form ctx={ctx} action={`/${lang}/proposals`}>
        <TranslatedInputs
          {...field.translated('title')}
          legend={i18n.t('proposal.titleField')}
          hint={i18n.t('organisations.translatedHint')}
          maxLength={300}
        />
        <Submit name="intent" value="similar" secondary>
          {i18n.t('proposal.checkSimilar')}
        </Submit>
        {LANGS.map((l) => (
          <div class="field">
            <label for={`field-body_${l}`}>
              {i18n.t('proposal.bodyField')} — <span lang={l}>{LANG_NATIVE_NAMES[l]}</span>
            </label>
            <textarea id={`field-body_${l}`} name={`body_${l}`} rows={8} lang={l} maxLength={20000}>
              {values[`body_${l}`] ?? ''}
            </textarea>
          </div>
        ))}
        <Select
          {...field('kind')}
          label={i18n.t('proposal.kind')}
          options={PROPOSAL_KINDS.map((k) => ({ value: k, label: i18n.t(`proposal.kind.${k}`) }))}
        />
        {checkboxes(
          'addresseeIds',
          options.organisations.filter((o) => o.category === 'state_body'),
          i18n.t('proposal.addressees'),
        )}
        {checkboxes(
          'coAuthorIds',
          options.organisations.filter((o) => o.category === 'ngo' && o.id !== own),
          i18n.t('proposal.coAuthors'),
          i18n.t('proposal.coAuthorsHint'),
        )}
        {checkboxes('themeIds', options.themes, i18n.t('proposal.themes'))}
        <Select
          {...field('meetingId')}
          label={i18n.t('proposal.meeting')}
          empty={i18n.t('proposal.noMeeting')}
          options={options.meetings.map((m) => ({
            value: m.id,
            label: `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`,
          }))}
        />
        <Select
          {...field('agendaItemId')}
          label={i18n.t('minutes.correctionItem')}
          empty="—"
          options={options.agendaItems.map((a) => ({
            value: a.id,
            label: `${i18n.t('meeting.number', { number: a.number })}, ${a.position}. ${plain(a.title, i18n)}`,
          }))}
        />
        <fieldset class="field">
          <legend>{i18n.t('proposal.legalAct')}</legend>
          <TranslatedInputs {...field.translated('actName')} legend={i18n.t('proposal.legalActName')} maxLength={300} />
          <TextField {...field('actNumber')} label={i18n.t('proposal.legalActNumber')} maxLength={100} />
          <TextField {...field('actArticle')} label={i18n.t('proposal.legalActArticle')} maxLength={100} />
          <TextField {...field('actUrl')} type="url" label={i18n.t('proposal.legalActUrl')} maxLength={500} />
        </fieldset>
        <Submit name="intent" value="save">
          {i18n.t('proposal.saveDraft')}
        </Submit>
      </Form>
    </TitledPage>
  );
}

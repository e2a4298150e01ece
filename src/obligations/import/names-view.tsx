import type { PageContext } from '../../core/html/context.ts';
import { Options } from '../../core/html/fields.tsx';
import { Table } from '../../core/html/table.tsx';
import { plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { Settings } from './columns.ts';
import type { NamesToDecide } from './names-to-decide.ts';

/*
 * The preview's questions about the names of a file Kenes does not know: each new theme is left out
 * unless the person creates it or files it under an existing theme; each unknown State name is
 * mapped to a State (remembered for later imports) or its rows are refused.
 */

interface NamesProps {
  ctx: PageContext;
  names: NamesToDecide;
  themes: { id: string; name: Translated }[];
  states: { code: string; name: string }[];
  settings: Settings;
  errors?: FieldErrors | undefined;
}

export function NamesQuestions({ ctx, names, themes, states, settings, errors }: NamesProps) {
  const { i18n } = ctx;
  const themeOptions = [
    { value: '', label: i18n.t('import.newTheme.leaveOut') },
    { value: 'new', label: i18n.t('import.newTheme.create') },
    ...themes.map((t) => ({ value: t.id, label: i18n.t('import.newTheme.fileUnder', { theme: plain(t.name, i18n) }) })),
  ];
  const stateOptions = [
    { value: '', label: i18n.t('import.unknownState.refuse') },
    ...states.map((s) => ({ value: s.code, label: s.name })),
  ];
  const questions: QuestionProps[] = [
    {
      kind: 'theme',
      heading: i18n.t('import.newThemes'),
      hint: i18n.t('import.newThemesHint'),
      column: i18n.t('import.newTheme'),
      names: names.themes,
      options: themeOptions,
      chosen: settings.themes ?? {},
    },
    {
      kind: 'state',
      heading: i18n.t('import.unknownStates'),
      hint: i18n.t('import.unknownStatesHint'),
      column: i18n.t('import.unknownState'),
      names: names.states,
      options: stateOptions,
      chosen: settings.stateNames ?? {},
    },
  ];
  return <>{questions.map((q) => q.names.length > 0 && <Question {...q} ctx={ctx} errors={errors} />)}</>;
}

/** One question: a kind of name the file uses that Kenes does not know, each name with its choices. */
interface QuestionProps {
  kind: 'theme' | 'state';
  heading: string;
  hint: string;
  column: string;
  names: string[];
  options: { value: string; label: string }[];
  chosen: Record<string, string>;
}

function Question(props: QuestionProps & { ctx: PageContext; errors?: FieldErrors | undefined }) {
  const { ctx, kind, names, options, chosen, errors } = props;
  const headingId = `${kind}-names-heading`;
  return (
    <>
      <h2 id={headingId}>{props.heading}</h2>
      <p class="hint">{props.hint}</p>
      <Table
        className={`data import-${kind}-names`}
        labelledBy={headingId}
        columns={[props.column, ctx.i18n.t('import.decision')]}
      >
        {names.map((name, i) => {
          const id = `field-${kind}_${i}`;
          const error = errors?.[`${kind}_${i}`];
          return (
            <tr>
              <th scope="row">
                <label for={id}>{name}</label>
                <input type="hidden" name={`${kind}_name_${i}`} value={name} />
              </th>
              <td>
                {error && (
                  <p class="error" id={`${id}-error`}>
                    {error}
                  </p>
                )}
                <select id={id} name={`${kind}_${i}`} aria-describedby={error ? `${id}-error` : undefined}>
                  <Options options={options} value={chosen[name] ?? ''} />
                </select>
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}

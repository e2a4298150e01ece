import type { PageContext } from '../../core/html/context.ts';
import { Options, Select } from '../../core/html/fields.tsx';
import { ErrorSummary } from '../../core/html/form.tsx';
import { Table } from '../../core/html/table.tsx';
import { plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { collator } from '../../core/i18n/formats.ts';
import type { I18n, MessageKey } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { allStateCodes } from '../state-codes.ts';
import { stateName } from '../states.ts';
import { FIELDS, type Settings } from './columns.ts';
import { ENCODINGS } from './decode.ts';
import type { NamesToDecide } from './names-to-decide.ts';
import { NamesQuestions } from './names-view.tsx';
import type { ImportDetail } from './queries.ts';

export interface PreviewForm {
  settings: Settings;
  skipBadRows: boolean;
  errors?: FieldErrors | undefined;
}

function columnName(i18n: I18n, header: string[], i: number): string {
  return header[i] || i18n.t('import.columnN', { n: i + 1 });
}

/** What the preview offers to choose from, and the names of the file it must ask about. */
export interface PreviewChoices {
  mechanisms: { code: string; name: Translated }[];
  themes: { id: string; name: Translated }[];
  names: NamesToDecide;
}

interface PreviewProps {
  ctx: PageContext;
  imp: ImportDetail;
  choices: PreviewChoices;
  form: PreviewForm;
  url: string;
}

/** The preview of a file that can start: what was found in it, its first rows and the settings to start it with. */
export function Preview({ ctx, imp, choices, form, url }: PreviewProps) {
  const { i18n } = ctx;
  return (
    <>
      {imp.status === 'failed' && <h2>{i18n.t('import.again')}</h2>}
      <FileFacts ctx={ctx} imp={imp} url={url} />
      <Sample ctx={ctx} imp={imp} />
      <SettingsForm ctx={ctx} imp={imp} choices={choices} form={form} url={url} />
    </>
  );
}

function FileFacts({ ctx, imp, url }: { ctx: PageContext; imp: ImportDetail; url: string }) {
  const { i18n } = ctx;
  const delimiterKey = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;
  return (
    <>
      <dl class="facts">
        <dt>{i18n.t('import.format')}</dt>
        <dd>{imp.format.toUpperCase()}</dd>
        {imp.encoding && (
          <>
            <dt>{i18n.t('import.encoding')}</dt>
            <dd>
              {imp.encoding}
              {imp.encodingBy && ` (${i18n.t(`import.encodingBy.${imp.encodingBy}` as MessageKey)})`}
            </dd>
          </>
        )}
        {imp.delimiter && (
          <>
            <dt>{i18n.t('import.delimiter')}</dt>
            <dd>{i18n.t(`import.delimiter.${delimiterKey[imp.delimiter as ',' | ';' | '\t']}`)}</dd>
          </>
        )}
        <dt>{i18n.t('import.col.rows')}</dt>
        <dd>{i18n.t('import.rowCount', { count: imp.totalRows ?? 0 })}</dd>
      </dl>

      {imp.encoding && (
        <form method="post" action={`${url}/encoding`} class="filters">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <div class="field">
            <label for="field-reread-encoding">{i18n.t('import.encoding')}</label>
            <select id="field-reread-encoding" name="encoding">
              {ENCODINGS.map((e) => (
                <option value={e} selected={e === imp.encoding}>
                  {e}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" class="secondary">
              {i18n.t('import.reread')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}

function Sample({ ctx, imp }: { ctx: PageContext; imp: ImportDetail }) {
  const { i18n } = ctx;
  return (
    <>
      <h2>{i18n.t('import.firstRows')}</h2>
      <Table
        className="data import-sample"
        columns={[i18n.t('import.line'), ...imp.header.map((_, i) => columnName(i18n, imp.header, i))]}
      >
        {imp.sample.map((row) => (
          <tr>
            <th scope="row">{row.line}</th>
            {row.cells.map((c) => (
              <td>{c.length > 300 ? `${c.slice(0, 300)}…` : c}</td>
            ))}
          </tr>
        ))}
      </Table>
    </>
  );
}

function SettingsForm({ ctx, imp, choices, form, url }: PreviewProps) {
  const { i18n } = ctx;
  const { mechanisms } = choices;
  const fieldOf = (i: number) => FIELDS.find((f) => form.settings.columns[f] === i) ?? '';
  const fieldOptions = [
    { value: '', label: i18n.t('import.field.none') },
    ...FIELDS.map((f) => ({ value: f, label: i18n.t(`import.field.${f}`) })),
  ];
  const order = collator(i18n.lang, {});
  const states = allStateCodes()
    .map((code) => ({ code, name: stateName(code, i18n.lang) }))
    .sort((a, b) => order.compare(a.name, b.name));
  // What a row without a state or a mechanism of its own is given.
  const defaultSelect = (name: 'state' | 'mechanism', options: { value: string; label: string }[]) => (
    <Select
      name={`default_${name}`}
      label={i18n.t(`import.field.${name}`)}
      hint={i18n.t('import.defaultHint')}
      error={form.errors?.[`default_${name}`]}
      value={form.settings.defaults[name]}
      empty="—"
      options={options}
    />
  );
  return (
    <form method="post" action={`${url}/start`} class="stacked">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <h2 id="columns-heading">{i18n.t('import.columns')}</h2>
      <p class="hint">{i18n.t('import.columnsHint')}</p>
      <Table
        className="data import-columns"
        labelledBy="columns-heading"
        columns={[i18n.t('import.column'), i18n.t('import.field')]}
      >
        {imp.header.map((_, i) => {
          const id = `field-col_${i}`;
          return (
            <tr>
              <th scope="row">
                <label for={id}>{columnName(i18n, imp.header, i)}</label>
              </th>
              <td>
                <select id={id} name={`col_${i}`}>
                  <Options options={fieldOptions} value={fieldOf(i)} />
                </select>
              </td>
            </tr>
          );
        })}
      </Table>
      {defaultSelect(
        'state',
        states.map((s) => ({ value: s.code, label: s.name })),
      )}
      {defaultSelect(
        'mechanism',
        mechanisms.map((m) => ({ value: m.code, label: `${m.code} — ${plain(m.name, i18n)}` })),
      )}
      <NamesQuestions
        ctx={ctx}
        names={choices.names}
        themes={choices.themes}
        states={states}
        settings={form.settings}
        errors={form.errors}
      />
      <fieldset class="field">
        <legend>{i18n.t('import.mode')}</legend>
        <label>
          <input type="radio" name="mode" value="all" checked={!form.skipBadRows} /> {i18n.t('import.mode.all')}
        </label>
        <br />
        <label>
          <input type="radio" name="mode" value="skip" checked={form.skipBadRows} /> {i18n.t('import.mode.skip')}
        </label>
      </fieldset>
      <p>
        <button type="submit">{i18n.t('import.start')}</button>
      </p>
    </form>
  );
}

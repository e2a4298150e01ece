import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../i18n/locales.ts';
import type { Translated } from '../i18n/translated.ts';
import { fieldId, useFieldId, useFieldIdPrefix } from './field-ids.ts';

/*
 * The fields of a form: a label, a hint and an error around each control, tied together for screen
 * readers (ids `field-…`, `hint-…`, `error-…`; the error summary of `Form` links to `#field-…`).
 */

interface FieldProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A field's control's id, and the ids of its hint and error for its aria-describedby, in the form's prefix. */
function useControlIds(name: string, error?: string, hint?: string) {
  const prefix = useFieldIdPrefix();
  const ids = [hint ? fieldId(prefix, name, 'hint') : '', error ? fieldId(prefix, name, 'error') : '']
    .filter(Boolean)
    .join(' ');
  return { id: fieldId(prefix, name), described: ids || undefined };
}

/** The frame of a field: its label, hint and error around the control, tied together for screen readers. */
function Field({ name, label, error, hint, children }: FieldProps & { children: ComponentChildren }) {
  const prefix = useFieldIdPrefix();
  const [id, hintId, errorId] = [fieldId(prefix, name), fieldId(prefix, name, 'hint'), fieldId(prefix, name, 'error')];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** A labelled input with its hint and error, tied together for screen readers. */
export function TextField({
  name,
  label,
  error,
  hint,
  value,
  type = 'text',
  autocomplete,
  required,
  maxLength,
  max,
}: FieldProps & {
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'url';
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  /** The latest date a date field offers (the server checks again). */
  max?: string;
}) {
  const { id, described } = useControlIds(name, error, hint);
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      <input
        {...({
          id,
          name,
          type,
          value: type === 'password' ? undefined : value,
          autocomplete,
          required,
          maxLength,
          max,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': described,
        } as Record<string, unknown>)}
      />
    </Field>
  );
}

/** The file types a document may be (see `core/files/files.ts`), for a file input's `accept`. */
export const DOCUMENT_ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,.webp,.gif';

/** A labelled file input (name `file` unless told), with its hint and error. */
export function FileField({
  name = 'file',
  label,
  error,
  hint,
  accept,
  required,
}: Omit<FieldProps, 'name'> & { name?: string; accept?: string; required?: boolean }) {
  const { id, described } = useControlIds(name, error, hint);
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      <input
        id={id}
        type="file"
        name={name}
        accept={accept}
        required={required}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
      />
    </Field>
  );
}

/** A checkbox and its label; `id` is field-<name> unless given, `value` the browser's "on" unless given. */
export function Checkbox({
  name,
  label,
  checked,
  value,
  id,
}: {
  name: string;
  label: ComponentChildren;
  checked?: boolean | undefined;
  value?: string;
  id?: string;
}) {
  const ownId = useFieldId(name);
  id ??= ownId;
  return (
    <div class="field checkbox">
      <label for={id}>
        <input id={id} type="checkbox" name={name} value={value} checked={checked} /> {label}
      </label>
    </div>
  );
}

/** Checkboxes of one name under a legend, in columns: the values chosen among options. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  chosen,
}: {
  name: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: { value: string; label: ComponentChildren }[];
  chosen: string[];
}) {
  const id = useFieldId(name);
  // Each box's id: `<name>-<value>`, after the form's prefix if it has one.
  const boxPrefix = id.slice('field-'.length);
  return (
    <fieldset class={error ? 'field has-error' : 'field'} id={id}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="field-error">{error}</p>}
      <div class="checkbox-columns">
        {options.map((o) => (
          <Checkbox
            id={`${boxPrefix}-${o.value}`}
            name={name}
            value={o.value}
            label={o.label}
            checked={chosen.includes(o.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** A labelled select; `empty` is the label of a first option that chooses nothing (value ''). */
export function Select({
  name,
  label,
  error,
  hint,
  value,
  options,
  empty,
}: FieldProps & {
  value?: string | undefined;
  /** Each option's label, in the option's language when it is not the page's (a list of languages). */
  options: { value: string; label: string; lang?: string }[];
  empty?: string | undefined;
}) {
  const all = empty === undefined ? options : [{ value: '', label: empty }, ...options];
  const { id, described } = useControlIds(name, error, hint);
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={described}>
        <Options options={all} value={value} />
      </select>
    </Field>
  );
}

/** A select's options, `value`'s selected; each carries its own language where it has one. */
export function Options({
  options,
  value,
}: {
  options: { value: string; label: string; lang?: string }[];
  value?: string | undefined;
}) {
  return (
    <>
      {options.map((o) => (
        <option value={o.value} selected={o.value === value} lang={o.lang}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/**
 * A form's fields bound to its values and errors: `field('email')` gives a field's name, value and
 * error (`<TextField {...field('email')} label=… />`), `field.translated('title')` the same for
 * `TranslatedInputs`.
 */
export function fieldsOf(values: Values | undefined, errors: FieldErrors | undefined) {
  const field = (name: string) => ({ name, value: values?.[name], error: errors?.[name] });
  return Object.assign(field, {
    translated: (prefix: string) => ({ prefix, values: values ?? {}, errors }),
  });
}

export type Fields = ReturnType<typeof fieldsOf>;

export type Values = Record<string, string | undefined>;

/** A form sent back to be corrected: the values typed and the problems found. */
export interface FormState {
  values: Values;
  errors: FieldErrors;
}

/** The forms of a page that has several, by name; a form that was not sent back is absent. */
export type FormStates<K extends string> = { [k in K]?: FormState | undefined };

/** Three inputs for a text in kk, ru and en, grouped under one legend. */
export function TranslatedInputs({
  prefix,
  legend,
  values,
  errors,
  maxLength,
  hint,
  rows,
}: {
  prefix: string;
  legend: string;
  values: Values;
  errors?: FieldErrors | undefined;
  maxLength: number;
  hint?: string;
  /** Multi-line: a textarea of this many rows per language. */
  rows?: number;
}) {
  const error = LANGS.map((l) => errors?.[`${prefix}_${l}`]).find(Boolean);
  const formPrefix = useFieldIdPrefix();
  const ids = {
    kk: fieldId(formPrefix, `${prefix}_kk`),
    ru: fieldId(formPrefix, `${prefix}_ru`),
    en: fieldId(formPrefix, `${prefix}_en`),
  };
  return (
    <fieldset class={error ? 'field translated has-error' : 'field translated'}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="field-error">{error}</p>}
      {LANGS.map((l) => (
        <div class="field">
          <label for={ids[l]} lang={l}>
            {LANG_NATIVE_NAMES[l]}
          </label>
          {rows ? (
            <textarea
              id={ids[l]}
              name={`${prefix}_${l}`}
              rows={rows}
              lang={l}
              maxLength={maxLength}
              aria-invalid={errors?.[`${prefix}_${l}`] ? 'true' : undefined}
            >
              {values[`${prefix}_${l}`] ?? ''}
            </textarea>
          ) : (
            <input
              id={ids[l]}
              name={`${prefix}_${l}`}
              type="text"
              lang={l}
              value={values[`${prefix}_${l}`]}
              maxLength={maxLength}
              aria-invalid={errors?.[`${prefix}_${l}`] ? 'true' : undefined}
            />
          )}
        </div>
      ))}
    </fieldset>
  );
}

/** Form values from a stored translated text. */
export function translatedValues(prefix: string, value: Translated): Values {
  return Object.fromEntries(LANGS.map((l) => [`${prefix}_${l}`, value[l]]));
}

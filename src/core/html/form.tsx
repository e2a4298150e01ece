import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../i18n/locales.ts';
import type { Translated } from '../i18n/translated.ts';
import type { PageContext } from './context.ts';

/**
 * A POST form with its CSRF token; works without JavaScript. The token is the form's first field:
 * streamed uploads (`upload`) are checked from it before the file is read (`csrfInHandler`), and it is
 * never part of the action's URL, where it would reach logs and Referer headers.
 */
export function Form({
  ctx,
  action,
  children,
  className = 'stacked',
  upload = false,
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  className?: string;
  upload?: boolean;
}) {
  return (
    <form method="post" action={action} class={className} {...(upload ? { enctype: 'multipart/form-data' } : {})}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
    </form>
  );
}

/** A POST form that sends a file (see `Form`). */
export function UploadForm(props: Omit<Parameters<typeof Form>[0], 'upload'>) {
  return <Form {...props} upload />;
}

/** The problems of a form, listed at its top with links to the fields (WCAG 3.3.1). */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{ctx.i18n.t('form.problems')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#field-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

function describedBy(name: string, error?: string, hint?: string) {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean).join(' ');
  return ids || undefined;
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
}: FieldProps & {
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'url';
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
}) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <input
        {...({
          id: `field-${name}`,
          name,
          type,
          value: type === 'password' ? undefined : value,
          autocomplete,
          required,
          maxLength,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': describedBy(name, error, hint),
        } as Record<string, unknown>)}
      />
    </div>
  );
}

export function Checkbox({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <div class="field checkbox">
      <label for={`field-${name}`}>
        <input id={`field-${name}`} type="checkbox" name={name} checked={checked} /> {label}
      </label>
    </div>
  );
}

export function Select({
  name,
  label,
  error,
  hint,
  value,
  options,
}: FieldProps & { value?: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <select
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, error, hint)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Submit({ children }: { children: ComponentChildren }) {
  return (
    <p>
      <button type="submit" class="button">
        {children}
      </button>
    </p>
  );
}

export type Values = Record<string, string | undefined>;

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
  return (
    <fieldset class={error ? 'field translated has-error' : 'field translated'}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="field-error">{error}</p>}
      {LANGS.map((l) => (
        <div class="field">
          <label for={`field-${prefix}_${l}`} lang={l}>
            {LANG_NATIVE_NAMES[l]}
          </label>
          {rows ? (
            <textarea
              id={`field-${prefix}_${l}`}
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
              id={`field-${prefix}_${l}`}
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

import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/forms.ts';
import type { PageContext } from './context.ts';
import { FieldIdPrefix, fieldId } from './field-ids.ts';

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
  errors,
  idPrefix = '',
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  className?: string;
  upload?: boolean;
  /** The form's problems, listed just above it (`ErrorSummary`). */
  errors?: FieldErrors | undefined;
  /** Prefixes its fields' ids, when another form of the page has fields of the same names. */
  idPrefix?: string;
}) {
  return (
    <FieldIdPrefix.Provider value={idPrefix}>
      <ErrorSummary ctx={ctx} errors={errors} idPrefix={idPrefix} />
      <form method="post" action={action} class={className} {...(upload ? { enctype: 'multipart/form-data' } : {})}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {children}
      </form>
    </FieldIdPrefix.Provider>
  );
}

/** A staff form folded under its summary; open when it comes back with the user's input (`open`). */
export function StaffForm({
  summary,
  open,
  children,
}: {
  summary: string;
  open: boolean;
  children: ComponentChildren;
}) {
  return (
    <details class="staff-form" open={open || undefined}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** A POST form that sends a file (see `Form`). */
export function UploadForm(props: Omit<Parameters<typeof Form>[0], 'upload'>) {
  return <Form {...props} upload />;
}

/** The problems of a form, listed at its top with links to the fields (WCAG 3.3.1). */
export function ErrorSummary({
  ctx,
  errors,
  idPrefix = '',
}: {
  ctx: PageContext;
  errors: FieldErrors | undefined;
  idPrefix?: string;
}) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{ctx.i18n.t('form.problems')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#${fieldId(idPrefix, field)}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A submit button: a `button` (or `secondary`, or `link`: a button that looks like a link); `name`
 * and `value` tell which of a form's buttons was pressed; `label` names it for screen readers.
 */
export function Button({
  children,
  name,
  value,
  secondary,
  link,
  label,
}: {
  children: ComponentChildren;
  name?: string;
  value?: string;
  secondary?: boolean;
  link?: boolean;
  label?: string;
}) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      class={link ? 'link-button' : secondary ? 'button secondary' : 'button'}
      aria-label={label}
    >
      {children}
    </button>
  );
}

/** A form's submit button in a paragraph of its own. */
export function Submit(props: Parameters<typeof Button>[0]) {
  return (
    <p>
      <Button {...props} />
    </p>
  );
}

/**
 * A form of one button (and its hidden fields) inline in the text: follow, delete, accept, mark done…
 */
export function ButtonForm({
  ctx,
  action,
  hidden = {},
  className = 'inline-form',
  children,
  ...button
}: Parameters<typeof Button>[0] & {
  ctx: PageContext;
  action: string;
  hidden?: Record<string, string>;
  className?: string;
}) {
  return (
    <Form ctx={ctx} action={action} className={className}>
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Button {...button}>{children}</Button>
    </Form>
  );
}

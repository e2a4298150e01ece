import { CYCLE_DOCUMENT_KINDS } from '../../core/db/schema-obligations.ts';
import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField, TranslatedInputs, type Values } from '../../core/html/form.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../../organisations/index.ts';
import type { SectionProps } from './cycle-page.tsx';

/** The cycle's documents, and (staff) adding one by link or file. */
export function DocumentsSection({ ctx, cycle, organisations, forms }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const docValues = forms.document?.values ?? {};
  const uploadValues = forms.upload?.values ?? {};
  const authors = sortByName(
    organisations.filter((o) => ['ngo', 'nhri', 'state_body', 'international'].includes(o.category)),
    i18n,
  );
  return (
    <>
      <h2 id="documents">{i18n.t('obligations.documents')}</h2>
      {cycle.documents.length === 0 ? (
        <p>{i18n.t('obligations.noDocuments')}</p>
      ) : (
        <ul class="documents">
          {cycle.documents.map((d) => (
            <li>
              <span class="badge">{i18n.t(`obligations.docKind.${d.kind}`)}</span> {d.symbol && <code>{d.symbol}</code>}{' '}
              <T value={d.title} i18n={i18n} />
              {d.organisation && (
                <>
                  {' — '}
                  <a href={`/${lang}/organisations/${d.organisation.slug}`}>
                    <T value={d.organisation.name} i18n={i18n} />
                  </a>
                </>
              )}
              {d.issuedOn && <> ({i18n.date(d.issuedOn)})</>}
              {d.url && (
                <>
                  {' · '}
                  <a href={d.url} rel="noopener noreferrer">
                    {i18n.t('obligations.openLink')}
                  </a>
                </>
              )}
              {d.file && (
                <>
                  {' · '}
                  <a href={`/files/${d.file.id}/${encodeURIComponent(d.file.filename)}`}>
                    {d.file.filename} ({formatSize(d.file.sizeBytes, lang)})
                  </a>
                </>
              )}
              {staff && (
                <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/documents/${d.id}/delete`} className="inline-form">
                  <button type="submit" class="link-button">
                    {i18n.t('obligations.removeDocument')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {staff && (
        <>
          <details class="staff-form" open={Boolean(forms.document)}>
            <summary>{i18n.t('obligations.addDocumentLink')}</summary>
            <ErrorSummary ctx={ctx} errors={forms.document?.errors} />
            <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/documents`}>
              <DocumentFields ctx={ctx} values={docValues} errors={forms.document?.errors} authors={authors} />
              <TextField
                name="url"
                type="url"
                label={i18n.t('obligations.documentUrl')}
                value={docValues.url}
                error={forms.document?.errors.url}
                maxLength={500}
                required
              />
              <Submit>{i18n.t('obligations.addDocument')}</Submit>
            </Form>
          </details>
          <details class="staff-form" open={Boolean(forms.upload)}>
            <summary>{i18n.t('obligations.addDocumentFile')}</summary>
            <ErrorSummary ctx={ctx} errors={forms.upload?.errors} />
            <form
              method="post"
              action={`/${lang}/cycles/${cycle.id}/documents/upload`}
              enctype="multipart/form-data"
              class="stacked"
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <DocumentFields ctx={ctx} values={uploadValues} errors={forms.upload?.errors} authors={authors} />
              <div class={forms.upload?.errors.file ? 'field has-error' : 'field'}>
                <label for="field-file">{i18n.t('documents.file', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}</label>
                {forms.upload?.errors.file && (
                  <p class="field-error" id="error-file">
                    {forms.upload.errors.file}
                  </p>
                )}
                <input id="field-file" type="file" name="file" required />
              </div>
              <Submit>{i18n.t('documents.upload')}</Submit>
            </form>
          </details>
        </>
      )}
    </>
  );
}

function DocumentFields({
  ctx,
  values,
  errors,
  authors,
}: {
  ctx: PageContext;
  values: Values;
  errors?: FieldErrors | undefined;
  authors: { id: string; name: Translated }[];
}) {
  const { i18n } = ctx;
  return (
    <>
      <Select
        name="kind"
        label={i18n.t('obligations.documentKind')}
        value={values.kind}
        error={errors?.kind}
        options={CYCLE_DOCUMENT_KINDS.map((k) => ({ value: k, label: i18n.t(`obligations.docKind.${k}`) }))}
      />
      <TextField
        name="symbol"
        label={i18n.t('obligations.symbol')}
        hint={i18n.t('obligations.symbolHint')}
        value={values.symbol}
        error={errors?.symbol}
        maxLength={100}
      />
      <TranslatedInputs
        prefix="title"
        legend={i18n.t('obligations.documentTitle')}
        values={values}
        errors={errors}
        maxLength={300}
      />
      <TextField
        name="issuedOn"
        type="date"
        label={i18n.t('obligations.issuedOn')}
        value={values.issuedOn}
        error={errors?.issuedOn}
      />
      <Select
        name="organisationId"
        label={i18n.t('obligations.documentAuthor')}
        value={values.organisationId}
        error={errors?.organisationId}
        options={[
          { value: '', label: i18n.t('obligations.noAuthor') },
          ...authors.map((o) => ({ value: o.id, label: plain(o.name, i18n) })),
        ]}
      />
    </>
  );
}

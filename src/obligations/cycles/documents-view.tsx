import { CYCLE_DOCUMENT_KINDS } from '../../core/db/schema-obligations.ts';
import { fileUrl } from '../../core/files/downloads.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { DocumentFileField } from '../../core/html/document-field.tsx';
import { EmptyState } from '../../core/html/empty-state.tsx';
import { type Fields, fieldsOf, Select, TextField, TranslatedInputs } from '../../core/html/fields.tsx';
import { ButtonForm, Form, StaffForm, Submit, UploadForm } from '../../core/html/form.tsx';
import { TLink } from '../../core/html/links.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../../organisations/index.ts';
import type { SectionProps } from './cycle-page.tsx';
import { SymbolField } from './views.tsx';

/** The cycle's documents, and (staff) adding one by link or file. */
export function DocumentsSection({ ctx, cycle, organisations, forms }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const docField = fieldsOf(forms.document?.values, forms.document?.errors);
  const authors = sortByName(
    organisations.filter((o) => ['ngo', 'nhri', 'state_body', 'international'].includes(o.category)),
    i18n,
  );
  return (
    <>
      <h2 id="documents">{i18n.t('obligations.documents')}</h2>
      {cycle.documents.length === 0 ? (
        <EmptyState
          text={i18n.t('obligations.noDocuments')}
          hint={i18n.t('obligations.noDocumentsHint')}
          action={staff && { href: '#add-cycle-document', label: i18n.t('obligations.addDocumentFile') }}
        />
      ) : (
        <ul class="documents">
          {cycle.documents.map((d) => (
            <li>
              <span class="badge">{i18n.t(`obligations.docKind.${d.kind}`)}</span> {d.symbol && <code>{d.symbol}</code>}{' '}
              <T value={d.title} i18n={i18n} />
              {d.organisation && (
                <>
                  {' — '}
                  <TLink
                    href={`/${lang}/organisations/${d.organisation.slug}`}
                    value={d.organisation.name}
                    i18n={i18n}
                  />
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
                  <a href={fileUrl(d.file.id, d.file.filename)}>
                    {d.file.filename} ({formatSize(d.file.sizeBytes, lang)})
                  </a>
                </>
              )}
              {staff && (
                <ButtonForm ctx={ctx} action={`/${lang}/cycles/${cycle.id}/documents/${d.id}/delete`} link>
                  {i18n.t('obligations.removeDocument')}
                </ButtonForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {staff && (
        <>
          <StaffForm summary={i18n.t('obligations.addDocumentLink')} open={Boolean(forms.document)}>
            <Form ctx={ctx} errors={forms.document?.errors} action={`/${lang}/cycles/${cycle.id}/documents`}>
              <DocumentFields ctx={ctx} field={docField} authors={authors} />
              <TextField
                {...docField('url')}
                type="url"
                label={i18n.t('obligations.documentUrl')}
                maxLength={500}
                required
              />
              <Submit>{i18n.t('obligations.addDocument')}</Submit>
            </Form>
          </StaffForm>
          <div id="add-cycle-document">
            <StaffForm
              summary={i18n.t('obligations.addDocumentFile')}
              open={Boolean(forms.upload) || cycle.documents.length === 0}
            >
              <UploadForm
                ctx={ctx}
                errors={forms.upload?.errors}
                action={`/${lang}/cycles/${cycle.id}/documents/upload`}
                idPrefix="upload"
              >
                <DocumentFields
                  ctx={ctx}
                  field={fieldsOf(forms.upload?.values, forms.upload?.errors)}
                  authors={authors}
                />
                <DocumentFileField i18n={i18n} error={forms.upload?.errors.file} />
                <Submit>{i18n.t('documents.upload')}</Submit>
              </UploadForm>
            </StaffForm>
          </div>
        </>
      )}
    </>
  );
}

function DocumentFields({
  ctx,
  field,
  authors,
}: {
  ctx: PageContext;
  field: Fields;
  authors: { id: string; name: Translated }[];
}) {
  const { i18n } = ctx;
  return (
    <>
      <Select
        {...field('kind')}
        label={i18n.t('obligations.documentKind')}
        options={CYCLE_DOCUMENT_KINDS.map((k) => ({ value: k, label: i18n.t(`obligations.docKind.${k}`) }))}
      />
      <SymbolField ctx={ctx} field={field} />
      <TranslatedInputs {...field.translated('title')} legend={i18n.t('obligations.documentTitle')} maxLength={300} />
      <TextField {...field('issuedOn')} type="date" label={i18n.t('obligations.issuedOn')} />
      <Select
        {...field('organisationId')}
        label={i18n.t('obligations.documentAuthor')}
        empty={i18n.t('obligations.noAuthor')}
        options={authors.map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
      />
    </>
  );
}

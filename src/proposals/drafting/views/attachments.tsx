import { fileUrl } from '../../../core/files/downloads.ts';
import { formatSize } from '../../../core/files/upload.ts';
import { DocumentFileField } from '../../../core/html/document-field.tsx';
import { fieldsOf, TranslatedInputs } from '../../../core/html/fields.tsx';
import { StaffForm, Submit, UploadForm } from '../../../core/html/form.tsx';
import { TLink } from '../../../core/html/links.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The files attached to the proposal, and the authors’ form to add one while it is open. */
export function Attachments(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, lang, p, base, form } = scope(props);
  const attachmentField = fieldsOf(form('attachment')?.values, form('attachment')?.errors);
  return (
    <>
      {(p.attachments.length > 0 || (data.isAuthor && !['withdrawn', 'merged'].includes(p.status))) && (
        <section aria-labelledby="attachments">
          <h2 id="attachments">{i18n.t('meeting.documents')}</h2>
          <ul class="documents">
            {p.attachments.map((a) => (
              <li>
                <TLink href={fileUrl(a.fileId, a.filename)} value={a.title} i18n={i18n} />{' '}
                <span class="muted">
                  ({a.filename}, {formatSize(a.sizeBytes, lang)})
                </span>
              </li>
            ))}
          </ul>
          {data.isAuthor && !['withdrawn', 'merged'].includes(p.status) && (
            <StaffForm summary={i18n.t('documents.add')} open={Boolean(form('attachment'))}>
              <UploadForm ctx={ctx} action={`${base}/attachments`}>
                <TranslatedInputs
                  {...attachmentField.translated('title')}
                  legend={i18n.t('documents.title')}
                  maxLength={300}
                />
                <DocumentFileField i18n={i18n} error={form('attachment')?.errors.file} />
                <Submit>{i18n.t('documents.upload')}</Submit>
              </UploadForm>
            </StaffForm>
          )}
        </section>
      )}
    </>
  );
}

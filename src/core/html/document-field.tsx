import { MAX_UPLOAD_BYTES } from '../files/files.ts';
import { formatSize } from '../files/upload.ts';
import type { I18n } from '../i18n/i18n.ts';
import { DOCUMENT_ACCEPT, FileField } from './fields.tsx';

/**
 * The file input of a document's upload (name `file`, required): its label gives the largest size a
 * file may have, its picker offers the types a document may be (`DOCUMENT_ACCEPT`).
 */
export function DocumentFileField({ i18n, error }: { i18n: I18n; error?: string | undefined }) {
  return (
    <FileField
      label={i18n.t('documents.file', { size: formatSize(MAX_UPLOAD_BYTES, i18n.lang) })}
      error={error}
      accept={DOCUMENT_ACCEPT}
      required
    />
  );
}

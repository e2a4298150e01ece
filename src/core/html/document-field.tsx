import { MAX_UPLOAD_BYTES } from '../files/files.ts';
import { formatSize } from '../files/upload.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { DOCUMENT_ACCEPT, FileField } from './fields.tsx';

/**
 * The file input of a document's upload (name `file`): its label (`documents.file` unless told, a
 * text given the largest size a file may have as `{size}`) says how large it may be, its picker
 * offers the types a document may be (`DOCUMENT_ACCEPT`). Required unless told.
 */
export function DocumentFileField({
  i18n,
  error,
  label = 'documents.file',
  required = true,
}: {
  i18n: I18n;
  error?: string | undefined;
  label?: MessageKey;
  required?: boolean;
}) {
  return (
    <FileField
      label={i18n.t(label, { size: formatSize(MAX_UPLOAD_BYTES, i18n.lang) })}
      error={error}
      accept={DOCUMENT_ACCEPT}
      required={required}
    />
  );
}

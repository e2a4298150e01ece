import { formatSize } from '../../core/files/upload.ts';
import { type I18n, MESSAGES, type MessageKey } from '../../core/i18n/i18n.ts';
import { isField } from './columns.ts';
import type { Reason } from './problem.ts';

/** A stored reason (message key and parameters) in the reader's language. */
export function reasonText(i18n: I18n, reason: Reason | null | undefined): string {
  if (!reason) return '';
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(reason.params ?? {})) {
    if (typeof v === 'number' || typeof v === 'string') params[k] = v;
  }
  if (isField(params.field)) params.field = i18n.t(`import.field.${params.field}` as MessageKey);
  if (typeof params.size === 'number') params.size = formatSize(params.size, i18n.lang);
  return reason.key in MESSAGES.en ? i18n.t(reason.key as MessageKey, params) : reason.key;
}

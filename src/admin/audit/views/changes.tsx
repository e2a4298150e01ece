import type { PageContext } from '../../../core/html/context.ts';
import type { MessageKey } from '../../../core/i18n/i18n.ts';
import { LANGS } from '../../../core/i18n/locales.ts';
import type { Translated } from '../../../core/i18n/translated.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../messages.ts';

/** An event's name in the page's language ("signed in"), or its code when the log holds one we have no name for. */
export function actionName(ctx: PageContext, action: string): string {
  return AUDIT_ACTIONS.has(action) ? ctx.i18n.t(`audit.action.${action}` as MessageKey) : action;
}

/** An object's kind in the page's language ("meeting"), or its code. */
export function entityName(ctx: PageContext, entity: string): string {
  return AUDIT_ENTITIES.has(entity) ? ctx.i18n.t(`audit.entity.${entity}` as MessageKey) : entity;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text stored in several languages: an object whose keys are all languages. */
const isTranslated = (v: unknown): v is Translated =>
  isRecord(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => (LANGS as readonly string[]).includes(k));

/** One stored value as a reader reads it: a text in the page's language, lists joined, nothing as a dash. */
function shown(ctx: PageContext, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return ctx.i18n.t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') return String(value); // ids and years too: no grouping
  if (isTranslated(value)) return ctx.i18n.pick(value)?.text ?? '—';
  if (Array.isArray(value)) return value.map((v) => shown(ctx, v)).join(', ') || '—';
  return JSON.stringify(value);
}

/** The fields an entry changed, each with its value before and after (only those that differ). */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((f) => ({ field: f, before: b[f], after: a[f] }));
}

/** What an entry changed, field by field: "title: Old → New", readable rather than JSON. */
export function AuditChanges({ ctx, before, after }: { ctx: PageContext; before: unknown; after: unknown }) {
  const changes = changedFields(before, after);
  if (changes.length === 0) return <span class="muted">{ctx.i18n.t('audit.unchanged')}</span>;
  const hadBefore = before !== null && before !== undefined;
  return (
    <dl class="audit-changes">
      {changes.map((c) => (
        <>
          <dt>{c.field ? <code>{c.field}</code> : ctx.i18n.t('audit.field')}</dt>
          <dd>
            {hadBefore && (
              <>
                <span class="audit-before">{shown(ctx, c.before)}</span>
                {' → '}
              </>
            )}
            <span class="audit-after">{shown(ctx, c.after)}</span>
          </dd>
        </>
      ))}
    </dl>
  );
}

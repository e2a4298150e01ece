import type { ChainCheck } from '../../../core/audit.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { TextField, type Values } from '../../../core/html/fields.tsx';
import { Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import { Table } from '../../../core/html/table.tsx';
import { AdminNav } from '../../views/admin-nav.tsx';
import type { AuditRow } from '../queries.ts';
import { AuditChanges, actionName, entityName } from './changes.tsx';

function clean(values: Values): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && e[0] !== 'before',
    ),
  );
}

export function AuditPage({
  ctx,
  rows,
  filter,
  query,
  hasMore,
  chain,
}: {
  ctx: PageContext;
  rows: AuditRow[];
  filter: Values;
  query: string;
  hasMore: boolean;
  chain: ChainCheck | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const last = rows.at(-1);
  return (
    <TitledPage ctx={ctx} title={i18n.t('admin.audit')} section="admin">
      <AdminNav ctx={ctx} />
      <p>{i18n.t('admin.auditIntro')}</p>
      {chain && (
        <div role="status">
          <p class={chain.ok ? 'flash' : 'error-summary'}>
            {chain.ok
              ? i18n.t('admin.auditChainOk', { count: chain.entries })
              : chain.reason === 'truncated'
                ? i18n.t('admin.auditChainTruncated', { id: chain.firstBadId })
                : i18n.t('admin.auditChainBroken', { id: chain.firstBadId })}
          </p>
          <p>
            {chain.lastCheckpoint
              ? i18n.t('admin.auditCheckpoint', {
                  id: chain.lastCheckpoint.id,
                  date: i18n.dateTime(new Date(chain.lastCheckpoint.at), 'Asia/Almaty'),
                })
              : i18n.t('admin.auditNoCheckpoint')}
            {chain.unkeyedEntries > 0 && chain.keyedFrom && ` ${i18n.t('admin.auditUnkeyed', { id: chain.keyedFrom })}`}
          </p>
        </div>
      )}
      <form method="get" action={`/${lang}/admin/audit`} class="filters">
        <TextField name="entity" label={i18n.t('admin.auditEntity')} value={filter.entity} />
        <TextField name="action" label={i18n.t('admin.auditAction')} value={filter.action} />
        <TextField name="actor" label={i18n.t('admin.auditActor')} value={filter.actor} />
        <TextField name="from" type="date" label={i18n.t('admin.auditFrom')} value={filter.from} />
        <TextField name="to" type="date" label={i18n.t('admin.auditTo')} value={filter.to} />
        <Submit>{i18n.t('admin.auditApply')}</Submit>
      </form>
      <p>
        <a href={`/${lang}/admin/audit.csv${query ? `?${query}` : ''}`}>{i18n.t('admin.auditExport')}</a>
      </p>
      {rows.length === 0 ? (
        <p>{i18n.t('admin.auditEmpty')}</p>
      ) : (
        <Table
          className="data audit"
          columns={['#', ...(['When', 'Who', 'What', 'Changes'] as const).map((k) => i18n.t(`admin.audit${k}`))]}
        >
          {rows.map((r) => (
            <tr>
              <td>{r.id}</td>
              <td>
                <time datetime={r.at.toISOString()}>{i18n.dateTime(r.at, 'Asia/Almaty')}</time>
              </td>
              <td>{r.actorLabel}</td>
              <td>
                {actionName(ctx, r.action)}: {entityName(ctx, r.entity)} <span class="muted">#{r.entityId}</span>
              </td>
              <td>
                <AuditChanges ctx={ctx} before={r.before} after={r.after} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {hasMore && last && (
        <p>
          <a href={`/${lang}/admin/audit?${new URLSearchParams({ ...clean(filter), before: last.id }).toString()}`}>
            {i18n.t('admin.auditOlder')}
          </a>
        </p>
      )}
    </TitledPage>
  );
}

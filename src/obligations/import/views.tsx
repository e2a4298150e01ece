import { formatSize } from '../../core/files/upload.ts';
import { assetUrl } from '../../core/html/assets.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary } from '../../core/html/form.tsx';
import { Layout, TitledPage } from '../../core/html/layout.tsx';
import { Table } from '../../core/html/table.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { ENCODINGS } from './decode.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import { Preview, type PreviewChoices, type PreviewForm } from './preview-view.tsx';
import type { Reason } from './problem.ts';
import type { ImportDetail, ImportSummary, ShownStatus } from './queries.ts';
import { reasonText } from './reason-text.ts';

const base = (ctx: PageContext) => `/${ctx.i18n.lang}/recommendations/import`;

function Status({ ctx, status }: { ctx: PageContext; status: ShownStatus }) {
  return <span class={`import-status import-status-${status}`}>{ctx.i18n.t(`import.status.${status}`)}</span>;
}

function counts(i18n: I18n, i: ImportSummary): string {
  return i18n.t('import.summary', {
    inserted: i.inserted,
    updated: i.updated,
    unchanged: i.unchanged,
    rejected: i.rejected,
  });
}

/** The upload form and the list of past imports. */
export function ImportListPage({
  ctx,
  imports,
  errors,
}: {
  ctx: PageContext;
  imports: ImportSummary[];
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const fileError = errors?.file;
  return (
    <TitledPage ctx={ctx} title={i18n.t('import.title')}>
      <p class="lead">{i18n.t('import.intro', { size: formatSize(MAX_FILE_BYTES, i18n.lang) })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={base(ctx)} enctype="multipart/form-data" class="stacked">
        {/* The token comes first: the upload is streamed, and checked before the file is read. */}
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="field-encoding">{i18n.t('import.encoding')}</label>
          <select id="field-encoding" name="encoding">
            <option value="">{i18n.t('import.encodingAuto')}</option>
            {ENCODINGS.map((e) => (
              <option value={e}>{e}</option>
            ))}
          </select>
        </div>
        <div class={fileError ? 'field has-error' : 'field'}>
          <label for="field-file">{i18n.t('import.file')}</label>
          <p class="hint" id="hint-file">
            {i18n.t('import.fileHint')}
          </p>
          {fileError && (
            <p class="field-error" id="error-file">
              {fileError}
            </p>
          )}
          <input
            id="field-file"
            type="file"
            name="file"
            required
            accept=".csv,.tsv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? 'hint-file error-file' : 'hint-file'}
            aria-invalid={fileError ? 'true' : undefined}
          />
        </div>
        <p>
          <button type="submit">{i18n.t('import.upload')}</button>
        </p>
      </form>

      <h2>{i18n.t('import.past')}</h2>
      {imports.length === 0 ? (
        <p>{i18n.t('import.none')}</p>
      ) : (
        <Table
          className="data"
          columns={(['file', 'uploaded', 'status', 'rows', 'result'] as const).map((k) => i18n.t(`import.col.${k}`))}
        >
          {imports.map((imp) => (
            <tr>
              <th scope="row">
                <a href={`${base(ctx)}/${imp.id}`}>{imp.filename}</a>
              </th>
              <td>{i18n.dateTime(imp.createdAt, 'Asia/Almaty')}</td>
              <td>
                <Status ctx={ctx} status={imp.status} />
              </td>
              <td>{imp.totalRows === null ? '—' : i18n.number(imp.totalRows)}</td>
              <td>
                {imp.status === 'done' ? counts(i18n, imp) : imp.status === 'failed' ? reasonText(i18n, imp.error) : ''}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </TitledPage>
  );
}

/** One import: preview and settings while it can start, progress while it runs, the outcome after. */
export function ImportPage({
  ctx,
  imp,
  rejections,
  choices,
  form,
}: {
  ctx: PageContext;
  imp: ImportDetail;
  rejections: { line: number; reason: Reason }[];
  choices: PreviewChoices;
  form: PreviewForm;
}) {
  const { i18n } = ctx;
  const url = `${base(ctx)}/${imp.id}`;
  const editable = imp.status === 'pending' || imp.status === 'failed' || imp.status === 'interrupted';
  return (
    <Layout ctx={ctx} title={i18n.t('import.preview', { file: imp.filename })}>
      <p>
        <a href={base(ctx)}>{i18n.t('import.all')}</a>
      </p>
      <h1>{i18n.t('import.preview', { file: imp.filename })}</h1>
      <p>
        {i18n.t('import.col.status')}: <Status ctx={ctx} status={imp.status} />
      </p>
      {imp.status === 'failed' && imp.error && (
        <div class="error-summary" role="alert">
          <p>{reasonText(i18n, imp.error)}</p>
        </div>
      )}
      {imp.status === 'interrupted' && <p class="notice">{i18n.t('import.interruptedHint')}</p>}
      {imp.status === 'running' && <Running ctx={ctx} imp={imp} url={url} />}
      {imp.status === 'done' && <Outcome ctx={ctx} imp={imp} />}
      {rejections.length > 0 && <Rejections ctx={ctx} imp={imp} rejections={rejections} />}
      {editable && <Preview ctx={ctx} imp={imp} choices={choices} form={form} url={url} />}
    </Layout>
  );
}

function Running({ ctx, imp, url }: { ctx: PageContext; imp: ImportDetail; url: string }) {
  const { i18n } = ctx;
  const total = imp.totalRows ?? 0;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">{i18n.t('import.progress')}</h2>
      <p>
        <progress
          id="import-progress"
          max={total || 1}
          value={imp.processedRows}
          data-status-url={`${url}/status.json`}
          aria-describedby="import-progress-text"
        >
          {imp.processedRows}
        </progress>
      </p>
      <p id="import-progress-text" aria-live="polite">
        {i18n.t('import.progressText', { done: imp.processedRows, total })}
      </p>
      <p class="muted">{i18n.t('import.refreshHint')}</p>
      {/* Without JavaScript the page reloads itself; with it, the script polls the status instead. */}
      <noscript>
        <meta http-equiv="refresh" content="3" />
      </noscript>
      <script type="module" src={assetUrl('import-progress.js')} />
    </section>
  );
}

function Outcome({ ctx, imp }: { ctx: PageContext; imp: ImportDetail }) {
  const { i18n } = ctx;
  const items = [
    ['import.inserted', imp.inserted],
    ['import.updated', imp.updated],
    ['import.unchanged', imp.unchanged],
    ['import.rejected', imp.rejected],
  ] as const;
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{i18n.t('import.result')}</h2>
      <table class="data import-result">
        <tbody>
          {items.map(([key, n]) => (
            <tr>
              <th scope="row">{i18n.t(key)}</th>
              <td data-count={key.slice('import.'.length)}>{i18n.number(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/${i18n.lang}/recommendations`}>{i18n.t('import.viewRecommendations')}</a> ·{' '}
        <a href={base(ctx)}>{i18n.t('import.another')}</a>
      </p>
    </section>
  );
}

function Rejections({
  ctx,
  imp,
  rejections,
}: {
  ctx: PageContext;
  imp: ImportDetail;
  rejections: { line: number; reason: Reason }[];
}) {
  const { i18n } = ctx;
  return (
    <section aria-labelledby="rejections-heading">
      <h2 id="rejections-heading">{i18n.t('import.rejections')}</h2>
      {imp.rejected > rejections.length && (
        <p>{i18n.t('import.moreRejections', { shown: rejections.length, count: imp.rejected })}</p>
      )}
      <Table className="data rejections" columns={[i18n.t('import.line'), i18n.t('import.reasonHeading')]}>
        {rejections.map((r) => (
          <tr>
            <th scope="row">{r.line}</th>
            <td>{reasonText(i18n, r.reason)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

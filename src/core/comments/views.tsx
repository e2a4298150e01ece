import type { PageContext } from '../html/context.ts';
import { Options } from '../html/fields.tsx';
import { ButtonForm, Form, Submit } from '../html/form.tsx';
import { TitledPage } from '../html/layout.tsx';
import { renderMarkdown } from '../html/markdown.ts';
import { T } from '../html/text.tsx';
import { TrustedHtml } from '../html/trusted-html.tsx';
import type { FieldErrors } from '../http/forms.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../i18n/locales.ts';
import { editable } from './comments.ts';
import type { CommentRow } from './queries.ts';
import { BODY_MAX, EDIT_MINUTES, LINKS_MAX } from './schema.ts';
import type { CommentSection } from './section.ts';

/* Comments under a record, the page of a record's comments, the edit form (the moderation queue: moderation-page.tsx). */

export const ZONE = 'Asia/Almaty';

function BodyField({
  ctx,
  id,
  value,
  error,
  label,
}: {
  ctx: PageContext;
  id: string;
  value?: string | undefined;
  error?: string | undefined;
  label: string;
}) {
  const { i18n } = ctx;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${id}`}>{label}</label>
      <p class="hint" id={`hint-${id}`}>
        {i18n.t('comments.bodyHint', { max: LINKS_MAX })}
      </p>
      {error && (
        <p class="field-error" id={`error-${id}`}>
          {error}
        </p>
      )}
      <textarea
        id={`field-${id}`}
        name="body"
        rows={4}
        maxLength={BODY_MAX}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `hint-${id} error-${id}` : `hint-${id}`}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

/** A labelled select whose id is its own (a page holds many forms with the same field names). */
export function ChoiceField({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value?: string | undefined;
  options: { value: string; label: string; lang?: string }[];
}) {
  return (
    <div class="field">
      <label for={`field-${id}`}>{label}</label>
      <select id={`field-${id}`} name={name}>
        <Options options={options} value={value} />
      </select>
    </div>
  );
}

/** The form of a new comment or reply: text, its language, as whom, and the honeypot people never see. */
function CommentForm({
  ctx,
  section,
  parent,
  values,
  errors,
}: {
  ctx: PageContext;
  section: CommentSection;
  parent?: string;
  values?: Record<string, string | undefined> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const standing = section.standing;
  if (standing.may !== 'comment') return null;
  const suffix = parent ? `-${parent}` : '';
  return (
    <Form
      ctx={ctx}
      action={`/${i18n.lang}/comments/${section.kind}/${section.recordId}`}
      errors={parent ? undefined : errors}
    >
      {parent && <input type="hidden" name="parent" value={parent} />}
      <BodyField
        ctx={ctx}
        id={`body${suffix}`}
        value={parent ? undefined : values?.body}
        error={parent ? undefined : errors?.body}
        label={i18n.t(parent ? 'comments.reply' : 'comments.body')}
      />
      <ChoiceField
        id={`lang${suffix}`}
        name="lang"
        label={i18n.t('comments.lang')}
        value={values?.lang ?? i18n.lang}
        options={LANGS.map((l) => ({ value: l, label: LANG_NATIVE_NAMES[l], lang: l }))}
      />
      {standing.organisationName && (
        <fieldset class="field">
          <legend>{i18n.t('comments.as')}</legend>
          <label>
            <input type="radio" name="as" value="self" checked={values?.as !== 'organisation'} />{' '}
            {i18n.t('comments.asSelf', { name: ctx.user?.displayName ?? '' })}
          </label>
          <label>
            <input type="radio" name="as" value="organisation" checked={values?.as === 'organisation'} />{' '}
            <T value={standing.organisationName} i18n={i18n} />
          </label>
        </fieldset>
      )}
      <div class="comment-hp">
        <label for={`field-website${suffix}`}>{i18n.t('comments.website')}</label>
        <input id={`field-website${suffix}`} name="website" type="text" tabIndex={-1} autocomplete="off" />
      </div>
      <Submit>{i18n.t(parent ? 'comments.reply' : 'comments.submit')}</Submit>
    </Form>
  );
}

export function Byline({ ctx, c }: { ctx: PageContext; c: CommentRow }) {
  const { i18n } = ctx;
  const name = c.authorId === null ? i18n.t('comments.deletedUser') : (c.authorName ?? i18n.t('comments.deletedUser'));
  const organisation = i18n.pick(c.organisationName)?.text;
  return (
    <p class="comment-meta">
      <strong>{organisation ? i18n.t('comments.forOrganisation', { name, organisation }) : name}</strong>{' '}
      <time datetime={c.createdAt.toISOString()}>{i18n.dateTime(c.createdAt, ZONE)}</time>
      {c.editedAt && <span class="muted"> ({i18n.t('comments.edited')})</span>}
      {c.state === 'pending' && <span class="badge"> {i18n.t('comments.awaitingMark')}</span>}
    </p>
  );
}

function CommentBody({ ctx, c }: { ctx: PageContext; c: CommentRow }) {
  const { i18n } = ctx;
  if (c.state === 'hidden')
    return (
      <p class="comment-hidden">
        {i18n.t('comments.hiddenMark', { reason: i18n.t(`comments.reason.${c.hiddenReason}` as MessageKey) })}
      </p>
    );
  if (c.state === 'deleted') return <p class="comment-hidden">{i18n.t('comments.deletedMark')}</p>;
  return (
    <div lang={c.lang}>
      <TrustedHtml html={renderMarkdown(c.body, { ugc: true })} className="comment-text" />
    </div>
  );
}

function CommentActions({ ctx, section, c }: { ctx: PageContext; section: CommentSection; c: CommentRow }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const mine = ctx.user !== null && c.authorId === ctx.user.id;
  const live = c.state === 'published' || c.state === 'pending';
  return (
    <div class="comment-actions">
      {mine && live && editable(c.createdAt) && <a href={`/${lang}/comment/${c.id}/edit`}>{i18n.t('comments.edit')}</a>}{' '}
      {mine && c.state !== 'deleted' && (
        <ButtonForm ctx={ctx} action={`/${lang}/comment/${c.id}/delete`} link>
          {i18n.t('comments.delete')}
        </ButtonForm>
      )}
      {!mine && ctx.user && c.state === 'published' && ctx.can('comment') && (
        <details class="comment-flag">
          <summary>{i18n.t('comments.flag')}</summary>
          <Form ctx={ctx} action={`/${lang}/comment/${c.id}/flag`}>
            <div class="field">
              <label for={`field-reason-${c.id}`}>{i18n.t('comments.flagReason')}</label>
              <textarea id={`field-reason-${c.id}`} name="reason" rows={2} maxLength={500} required />
            </div>
            <Submit secondary>{i18n.t('comments.flagSubmit')}</Submit>
          </Form>
        </details>
      )}
      {c.parentId === null && c.state === 'published' && section.open && section.standing.may === 'comment' && (
        <details class="comment-reply">
          <summary>{i18n.t('comments.replyTo')}</summary>
          <CommentForm ctx={ctx} section={section} parent={c.id} />
        </details>
      )}
    </div>
  );
}

function CommentItem({ ctx, section, c }: { ctx: PageContext; section: CommentSection; c: CommentRow }) {
  return (
    <article class={`comment comment-${c.state}`} id={`comment-${c.id}`}>
      <Byline ctx={ctx} c={c} />
      <CommentBody ctx={ctx} c={c} />
      <CommentActions ctx={ctx} section={section} c={c} />
    </article>
  );
}

function Notice({ ctx, section }: { ctx: PageContext; section: CommentSection }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  if (!section.open) return <p class="notice">{i18n.t('comments.closed')}</p>;
  const s = section.standing;
  switch (s.may) {
    case 'sign-in':
      return (
        <p>
          <a href={`/${lang}/sign-in?next=${encodeURIComponent(`/${lang}${section.path}#comments`)}`}>
            {i18n.t('comments.signInToComment')}
          </a>
        </p>
      );
    case 'confirm-email':
      return <p class="notice">{i18n.t('comments.confirmEmail')}</p>;
    case 'blocked':
      return (
        <p class="notice">
          {i18n.t('comments.blocked', {
            until: i18n.dateTime(s.until, ZONE),
            reason: i18n.t(`comments.reason.${s.reason}` as MessageKey),
          })}
        </p>
      );
    default:
      return null;
  }
}

/** A record's comments and the form's state (what was typed, what is wrong). */
interface SectionProps {
  ctx: PageContext;
  section: CommentSection;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}

/** A record's comments, under the record's page (its first page) or on the comments page (any page). */
export function CommentsSection({ ctx, section, values, errors }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const base = `/${lang}/comments/${section.kind}/${section.recordId}`;
  const tops = section.comments.filter((c) => c.parentId === null);
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {i18n.t('comments.title')} <span class="muted">({i18n.number(section.total)})</span>
      </h2>
      <p>
        <a href={`${base}/feed.atom`} type="application/atom+xml">
          {i18n.t('comments.feed')}
        </a>
      </p>
      <Notice ctx={ctx} section={section} />
      {section.open && section.standing.may === 'comment' && (
        <>
          <h3>{i18n.t('comments.write')}</h3>
          {section.premoderated && !section.moderator && <p class="hint">{i18n.t('comments.awaiting')}</p>}
          <CommentForm ctx={ctx} section={section} values={values} errors={errors} />
        </>
      )}
      {tops.length === 0 ? (
        <p>{i18n.t('comments.none')}</p>
      ) : (
        <ol class="comment-list">
          {tops.map((c) => {
            const replies = section.comments.filter((r) => r.parentId === c.id);
            return (
              <li>
                <CommentItem ctx={ctx} section={section} c={c} />
                {replies.length > 0 && (
                  <ol class="comment-replies" aria-label={i18n.t('comments.replies')}>
                    {replies.map((r) => (
                      <li>
                        <CommentItem ctx={ctx} section={section} c={r} />
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {section.pages > 1 && (
        <nav aria-label={i18n.t('comments.pages')} class="pager">
          {section.page > 1 && (
            <a href={`${base}?page=${section.page - 1}#comments`} rel="prev">
              {i18n.t('comments.newer')}
            </a>
          )}{' '}
          {section.page < section.pages && (
            <a href={`${base}?page=${section.page + 1}#comments`} rel="next">
              {i18n.t('comments.older')}
            </a>
          )}
        </nav>
      )}
    </section>
  );
}

/** The page of a record's comments (any page of them; the form comes back here with its problems). */
export function CommentsPage({ ctx, section, values, errors }: SectionProps) {
  const { i18n } = ctx;
  const title = i18n.t('comments.of', { title: i18n.pick(section.title)?.text ?? '' });
  return (
    <TitledPage ctx={ctx} title={title}>
      <p>
        <a href={`/${i18n.lang}${section.path}`}>{i18n.t('comments.backToRecord')}</a>
      </p>
      <CommentsSection ctx={ctx} section={section} values={values ?? {}} errors={errors ?? {}} />
    </TitledPage>
  );
}

/** The author's edit form (within 15 minutes of writing). */
export function EditCommentPage({
  ctx,
  comment,
  errors,
}: {
  ctx: PageContext;
  comment: { id: string; body: string; path: string };
  errors?: FieldErrors;
}) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('comments.editTitle')}>
      <p class="hint">{i18n.t('comments.editHint', { minutes: EDIT_MINUTES })}</p>
      <Form ctx={ctx} action={`/${i18n.lang}/comment/${comment.id}/edit`} errors={errors}>
        <BodyField ctx={ctx} id="body" value={comment.body} error={errors?.body} label={i18n.t('comments.body')} />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
      <p>
        <a href={`/${i18n.lang}${comment.path}#comment-${comment.id}`}>{i18n.t('comments.backToRecord')}</a>
      </p>
    </TitledPage>
  );
}

/** A record's published comments in a list (nothing when it has none), linking to them. */
export function CommentCount({ ctx, count, href }: { ctx: PageContext; count: number | undefined; href: string }) {
  if (!count) return null;
  return (
    <a class="comment-count" href={`${href}#comments`}>
      {ctx.i18n.t('comments.count', { count })}
    </a>
  );
}

import { randomBytes } from 'node:crypto';
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { render } from 'preact-render-to-string';
import { can } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { PageContext } from './context.ts';

/*
 * Parts of a page rendered once for everyone of an audience (issue 15, decision 0033): a record's
 * sections are the same for every reader who gets the same kept record and may do the same things with
 * it, yet were rendered on every request (most of a record page's CPU, with its garbage).
 *
 * A part is kept under the **object** app.shared handed out for the reader's audience (a WeakMap: a
 * new version of the content is a new object, and what was kept under the old one goes with it) and a
 * key naming everything else it may depend on: the part's name, the language, and the reader's role,
 * organisation and moderator mark, the only things of the reader the policy (can) looks at. Its view
 * is given a context that holds nothing else of the reader: their name, e-mail, id, the page's path,
 * flash or "My work" count throw when read, so a part that would show them fails loudly instead of
 * showing one reader's to another. Forms' CSRF tokens are written as a random mark, replaced on each
 * request by the reader's token (made then, as the form would have made it). HTML rendered by preact
 * escapes every text and attribute: what is kept is the renderer's output, inserted as it came.
 */

/** Stands for the reader's CSRF token in kept HTML: random per process, never sent. */
const TOKEN_MARK = `kept-csrf-${randomBytes(16).toString('hex')}`;
/** What a CSRF token is made of (@fastify/csrf: base64url and '-'): written as it is, as preact would. */
const TOKEN_SHAPE = /^[\w-]+$/;

interface KeptPart {
  html: string;
  /** How many ids useId gave out in it (Table's captions): the page's later ids follow on. */
  ids: number;
}

const kept = new WeakMap<object, Map<string, KeptPart>>();
/**
 * Parts kept per owner at most (its readers' languages, roles and organisations): beyond it the oldest
 * goes, so that a record read by the representatives of many organisations holds a bounded amount.
 */
const PARTS_PER_OWNER = 64;
let stats = { hits: 0, renders: 0 };

/** How often a part was served as kept, and rendered (for tests). */
export function keptStats(): { hits: number; renders: number } {
  return { ...stats };
}
export function resetKeptStats(): void {
  stats = { hits: 0, renders: 0 };
}

/** The reader as a kept part sees them: what the policy reads, nothing else. */
function policyReader(user: CurrentUser | null): CurrentUser | null {
  if (!user) return null;
  const reader = { role: user.role, organisationId: user.organisationId, moderator: user.moderator === true };
  for (const field of ['id', 'email', 'displayName', 'locale', 'emailConfirmed']) {
    Object.defineProperty(reader, field, {
      get() {
        throw new Error(`a kept part of a page may not show the reader's ${field}`);
      },
    });
  }
  return reader as CurrentUser;
}

/** The context a kept part renders with: the language, the policy for the reader's role, the token's mark. */
function keptContext(ctx: PageContext): PageContext {
  const reader = policyReader(ctx.user);
  const part: PageContext = {
    i18n: ctx.i18n,
    latin: ctx.latin === true,
    user: reader,
    can: (action, thing) => can(reader, action, thing),
    csrfToken: TOKEN_MARK,
  } as PageContext;
  for (const field of ['pathInLang', 'flash', 'feeds', 'workCount']) {
    Object.defineProperty(part, field, {
      get() {
        throw new Error(`a kept part of a page may not show the page's ${field}`);
      },
    });
  }
  return part;
}

/** The key of what the part's view may depend on besides its owner. */
function keyOf(name: string, ctx: PageContext, firstId: string): string {
  const u = ctx.user;
  return [
    name,
    ctx.i18n.lang,
    ctx.latin ? 'latn' : '',
    u?.role ?? 'visitor',
    u?.organisationId ?? '',
    u?.moderator ? 'moderator' : '',
    firstId,
  ].join('\u0000');
}

/** preact's vnode fields that useId reads (mangled names of preact 11: _parent, _mask). */
interface IdRoot {
  __?: IdRoot;
  __m?: [number, number];
}

/**
 * The page's useId counter, where useId would find it from this component: the nearest vnode above
 * with a mask, else the root (given one, as useId does).
 */
function idCounter(component: { __v?: IdRoot } | undefined): [number, number] | undefined {
  let vnode = component?.__v;
  if (!vnode) return undefined;
  while (!vnode.__m && vnode.__) vnode = vnode.__;
  vnode.__m ??= [0, 0];
  return vnode.__m;
}

/**
 * Renders `view` with a kept part's context, once per `owner` (a value app.shared keeps per audience)
 * and key, and shows it; with `fresh` (a form sent back to be corrected) renders it for this request
 * alone. Everything the view shows must come from `owner`, from other reads kept under
 * the same version, or from the key.
 */
export function Kept(
  this: { __v?: IdRoot } | undefined,
  {
    owner,
    name,
    ctx,
    fresh,
    view,
  }: { owner: object; name: string; ctx: PageContext; fresh?: boolean; view: (ctx: PageContext) => VNode },
) {
  const counter = idCounter(this);
  const firstId = counter ? `${counter[0]}-${counter[1]}` : '';
  const key = keyOf(name, ctx, firstId);
  const parts = kept.get(owner);
  let part = fresh ? undefined : parts?.get(key);
  if (part) stats.hits++;
  else {
    stats.renders++;
    // The part's own root continues the page's ids, as if rendered in place.
    const root = view(keptContext(ctx)) as VNode & IdRoot;
    if (counter) root.__m = [counter[0], counter[1]];
    const html = render(root);
    part = { html, ids: counter && root.__m ? root.__m[1] - counter[1] : 0 };
    if (!fresh) {
      if (!parts) kept.set(owner, new Map([[key, part]]));
      else {
        if (parts.size >= PARTS_PER_OWNER) parts.delete(parts.keys().next().value as string);
        parts.set(key, part);
      }
    }
  }
  let html = part.html;
  if (html.includes(TOKEN_MARK)) {
    const token = ctx.csrfToken;
    // A token that would need escaping (not one @fastify/csrf makes): the view as it is, in place.
    if (!TOKEN_SHAPE.test(token)) return view(ctx);
    html = html.replaceAll(TOKEN_MARK, token);
  }
  if (counter) counter[1] += part.ids;
  return jsxTemplate([html]);
}

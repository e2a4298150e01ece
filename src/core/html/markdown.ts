import MarkdownIt from 'markdown-it';
import { markSanitized, type SanitizedHtml } from './trusted-html.tsx';

/*
 * Markdown that users write (proposal texts), rendered safely: raw HTML is never passed through
 * (html: false escapes it), link targets are limited to http, https and mailto (markdown-it already
 * refuses javascript:, vbscript:, file: and data:), links get rel="nofollow noopener". This is the
 * only producer of SanitizedHtml; review it as a security change.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const defaultValidate = md.validateLink.bind(md);
md.validateLink = (url: string) => defaultValidate(url) && /^(https?:|mailto:|#|\/)/i.test(url.trim());
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links in what the public writes (comments) are marked as user-generated content.
  tokens[idx]?.attrSet(
    'rel',
    (env as { ugc?: boolean } | undefined)?.ugc ? 'nofollow ugc noopener' : 'nofollow noopener',
  );
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Images would load from anywhere (tracking, mixed content): shown as links instead.
md.disable('image');

/** Renders user Markdown to HTML that is safe to insert with <TrustedHtml>. */
export function renderMarkdown(text: string, opts: { ugc?: boolean } = {}): SanitizedHtml {
  return markSanitized(md.render(text, { ugc: opts.ugc === true }));
}

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
  const ugc = opts.ugc === true;
  // The HTML depends on the text and `ugc` alone: kept by them, since a proposal's page renders its body
  // (5–9 % of rendering the page) and a comment's text on every request, the same each time.
  const kept = ugc ? keptUgc : keptPlain;
  let html = kept.get(text);
  if (html === undefined) {
    html = markSanitized(md.render(text, { ugc }));
    keptChars += text.length + html.length;
    if (keptChars > MAX_KEPT_CHARS) {
      keptPlain.clear();
      keptUgc.clear();
      keptChars = text.length + html.length;
    }
    kept.set(text, html);
  }
  return html;
}

/** Texts and their HTML kept at most (~2 bytes a character); then all are forgotten at once. */
const MAX_KEPT_CHARS = 4_000_000;
const keptPlain = new Map<string, SanitizedHtml>();
const keptUgc = new Map<string, SanitizedHtml>();
let keptChars = 0;

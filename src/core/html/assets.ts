import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

/** The one stylesheet browsers receive (decision 0027). */
export const STYLESHEET = 'kenes.css';

/**
 * Its parts, files of public/css/, in cascade order: the sheet is their concatenation, so a rule
 * keeps its place (and its weight against the rules after it) whichever file it sits in.
 */
export const STYLESHEET_PARTS = [
  'tokens.css', // the design tokens (colours, type and spacing scales) on :root
  'base.css', // the page: box model, long words, links, headings, the footer, print
  'controls.css', // buttons, notices, form fields, tables, filters
  'domains.css', // each domain's own pieces: minutes comparison, meetings, obligations, comments, my work
  'components.css', // cards, date blocks, tags, empty states, contents, figures, tabs, pagination
  'design-page.css', // the living page /{lang}/design
  'header.css', // the header and its menu button
  'pages.css', // the home page, the audit log, dashboards
] as const;

/** The comment that heads each part in the joined sheet, so that a rule can be traced to its file. */
export const partHeading = (part: string) => `/* ——— public/css/${part} ——— */\n`;

let stylesheet: Buffer | undefined;

/** The stylesheet: the parts joined in their order, each after its heading; read once, at start. */
export function stylesheetBytes(): Buffer {
  stylesheet ??= Buffer.concat(
    STYLESHEET_PARTS.flatMap((part) => [
      Buffer.from(partHeading(part)),
      fs.readFileSync(path.join(PUBLIC_DIR, 'css', part)),
    ]),
  );
  return stylesheet;
}

const bytesOf = (file: string): Buffer =>
  file === STYLESHEET ? stylesheetBytes() : fs.readFileSync(path.join(PUBLIC_DIR, file));

const versions = new Map<string, string>();

function versionOf(file: string): string {
  let v = versions.get(file);
  if (!v) {
    v = createHash('sha256').update(bytesOf(file)).digest('hex').slice(0, 10);
    versions.set(file, v);
  }
  return v;
}

/** URL of a file in public/ (or of the joined stylesheet), with a content hash so that browsers may cache it for a year. */
export function assetUrl(file: string): string {
  return `/assets/${file}?v=${versionOf(file)}`;
}

/** A year: asset URLs carry a content hash (assetUrl), so the content of a URL never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves public/ under /assets/, and the stylesheet joined from its parts (which are not served one by one). */
export async function registerAssets(app: FastifyInstance): Promise<void> {
  const sheet = stylesheetBytes();
  const etag = `"${versionOf(STYLESHEET)}"`;
  app.get(`/assets/${STYLESHEET}`, async (req, reply) => {
    reply.header('cache-control', IMMUTABLE).header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(sheet);
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/assets/',
    allowedPath: (pathName) => !/^\/css\//i.test(pathName),
    maxAge: '365d',
    immutable: true,
  });
}

import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.ts';

/*
 * Text PostgreSQL cannot store is refused at the edge, before any handler sees it: a NUL character
 * (text columns and parameters cannot hold it: "invalid byte sequence for encoding UTF8: 0x00") and a
 * UTF-16 surrogate without its pair (not a character: it cannot be encoded as UTF-8; only JSON can
 * carry one). Refusing here, once, for every route means a new route cannot forget it.
 *
 * Broken UTF-8 is cleaned rather than refused: query strings and form bodies are decoded the WHATWG
 * way, which turns each bad byte into U+FFFD. That character can be stored; a search for it finds
 * nothing, and the forms' text fields refuse it with a message beside the field (forms.ts), so a
 * person who pasted damaged text keeps the rest of what they typed.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds text PostgreSQL cannot store. */
export function isUnstorable(s: string): boolean {
  return UNSTORABLE.test(s);
}

/** The path of the first unstorable string in a parsed value (query, params, body), or undefined. */
export function findUnstorable(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path || '(value)' : undefined;
  // Parsed bodies are shallow; anything nested deeper than this is refused as malformed by the schemas.
  if (value === null || typeof value !== 'object' || depth > 8) return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (isUnstorable(key)) return `${path}[key]`;
    const found = findUnstorable(v, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A multipart part (a streamed form's field or file) whose name, value or file name cannot be stored is refused. */
export function assertStorablePart(part: { fieldname: string; type: string; value?: unknown; filename?: string }) {
  const bad =
    isUnstorable(part.fieldname) ||
    (typeof part.value === 'string' && isUnstorable(part.value)) ||
    (typeof part.filename === 'string' && isUnstorable(part.filename));
  if (bad)
    throw new HttpError(400, `unstorable text in multipart part ${JSON.stringify(part.fieldname)}`, 'error.unstorable');
}

/** Whether an error is the multipart parser's finding that the body ended before the form did (a cut upload). */
export function isCutMultipart(err: unknown): boolean {
  const message = err instanceof Error ? err.message : '';
  return /unexpected end of multipart data|Boundary not found|Malformed part header/i.test(message);
}

/** Header values Kenes stores (sessions keep the browser's description) lose what cannot be stored. */
const STORED_HEADERS = ['user-agent'] as const;

/**
 * Registers the check for every route: query parameters, path parameters and parsed bodies (forms,
 * JSON) are refused with 400 and a message in the user's language; stored headers are cleaned.
 * Streamed multipart bodies are not parsed here: core/files/upload.ts checks their fields and names.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const h of STORED_HEADERS) {
      const v = req.headers[h];
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      if (typeof v === 'string') req.headers[h] = v.replace(/[\u0000-\u001F\u007F\uFFFD]/g, '').slice(0, 500);
    }
    const where =
      findUnstorable(req.params, 'params') ?? findUnstorable(req.query, 'query') ?? findUnstorable(req.body, 'body');
    if (where) throw new HttpError(400, `unstorable text in ${where}`, 'error.unstorable');
  });
}

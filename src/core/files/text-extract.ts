import { parentPort, workerData } from 'node:worker_threads';

/*
 * Runs on a worker thread (text.ts): the text of one PDF (pdf.js) or DOCX (mammoth), at most
 * TEXT_MAX characters and PDF_PAGES_MAX pages. Parsing a large document is seconds of synchronous
 * CPU; on its own thread it cannot stall the requests of the process, and a hostile file that makes
 * the parser spin is ended by the caller's timeout.
 */

export const TEXT_MAX = 1_000_000;
const PDF_PAGES_MAX = 500;

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: bytes,
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const parts: string[] = [];
  let length = 0;
  for (let n = 1; n <= Math.min(doc.numPages, PDF_PAGES_MAX) && length < TEXT_MAX; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    parts.push(text);
    length += text.length;
    page.cleanup();
  }
  await doc.destroy();
  return parts.join('\n\n');
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value;
}

const { bytes, contentType } = workerData as { bytes: Uint8Array; contentType: string };
try {
  const raw = contentType === 'application/pdf' ? await pdfText(bytes) : await docxText(bytes);
  // What PostgreSQL cannot store never reaches it (decision 0017).
  const text = raw
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .slice(0, TEXT_MAX);
  parentPort?.postMessage({ text });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
}

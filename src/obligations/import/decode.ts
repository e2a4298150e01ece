import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { ImportProblem } from './problem.ts';

/*
 * Which character encoding a text file (CSV, JSON) is in, and its decoding to text with every line
 * ending made LF.
 *
 * Order of evidence: a byte-order mark; the NUL bytes that UTF-16 without a mark puts beside every
 * ASCII character; a strict UTF-8 decode of the whole file (legacy text is almost never valid
 * UTF-8); otherwise a guess among the legacy encodings by how plausible each decoding reads
 * (chardet 2.2.0 was tried and set aside: it never names Mac Roman — it calls it windows-1252 — and
 * calls UTF-16 without a mark ISO-8859-1; see docs/decisions/0011-recommendation-import.md). The
 * user can always choose another encoding.
 */

/** The encodings a file may be read in, as iconv-lite names them. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'windows-1252', 'macintosh'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export function isEncoding(value: unknown): value is Encoding {
  return typeof value === 'string' && (ENCODINGS as readonly string[]).includes(value);
}

/** Names users type for the encodings (`--encoding cp1251`, `mac`), to the canonical name. */
export function encodingByName(name: string): Encoding | undefined {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const aliases: Record<string, Encoding> = {
    utf8: 'utf-8',
    utf16le: 'utf-16le',
    utf16: 'utf-16le',
    utf16be: 'utf-16be',
    windows1251: 'windows-1251',
    cp1251: 'windows-1251',
    win1251: 'windows-1251',
    windows1252: 'windows-1252',
    cp1252: 'windows-1252',
    win1252: 'windows-1252',
    macintosh: 'macintosh',
    macroman: 'macintosh',
    mac: 'macintosh',
  };
  return aliases[n];
}

export interface DetectedEncoding {
  encoding: Encoding;
  /** How it was decided: a byte-order mark, NUL pattern, valid UTF-8, or a guess from letters. */
  by: 'bom' | 'nul-pattern' | 'utf-8' | 'guess';
}

const LEGACY: readonly Encoding[] = ['windows-1251', 'macintosh', 'windows-1252'];
const HEAD_BYTES = 64 * 1024;
const SAMPLE_BYTES = 256 * 1024;

function bomOf(head: Buffer): Encoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without a BOM: ASCII characters leave a NUL in every other byte (odd ones in LE, even in BE). */
function utf16ByNuls(head: Buffer): Encoding | undefined {
  const pairs = Math.floor(Math.min(head.length, 8192) / 2);
  if (pairs < 2) return undefined;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) nulEven++;
    if (head[2 * i + 1] === 0) nulOdd++;
  }
  if (nulOdd >= pairs * 0.1 && nulEven <= pairs * 0.01) return 'utf-16le';
  if (nulEven >= pairs * 0.1 && nulOdd <= pairs * 0.01) return 'utf-16be';
  return undefined;
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
// Typography that legacy text really contains; neither evidence for nor against an encoding.
const TYPOGRAPHY = new Set([...'’‘“”«»–—…•№€°§©®\u00a0']);

function scriptOf(c: string): 'cyrillic' | 'latin' | 'other' {
  if (CYRILLIC.test(c)) return 'cyrillic';
  if (LATIN.test(c)) return 'latin';
  return 'other';
}

/**
 * How plausible a decoding reads, per non-ASCII character: letters inside words of one script and
 * one case count for it; symbols, control characters, a script or case change inside a word count
 * against (Cyrillic read as Mac Roman turns into "√Ó‰‡", French Mac Roman read as windows-1251
 * into "dЋtenus").
 */
export function plausibility(text: string): number {
  let score = 0;
  let seen = 0;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c.charCodeAt(0) < 0x80) continue;
    seen++;
    if (TYPOGRAPHY.has(c)) continue;
    if (!LETTER.test(c)) {
      score -= 3;
      continue;
    }
    const prev = chars[i - 1] ?? ' ';
    const next = chars[i + 1] ?? ' ';
    const script = scriptOf(c);
    const mixed = [prev, next].some((n) => LETTER.test(n) && scriptOf(n) !== script);
    if (mixed) {
      score -= 3;
      continue;
    }
    if (UPPER.test(c) && LOWER.test(prev)) {
      score -= 2;
      continue;
    }
    score += LOWER.test(c) ? 2 : 1;
  }
  return seen === 0 ? 0 : score / seen;
}

/** The legacy encoding under which `sample` reads best. */
export function guessLegacy(sample: Buffer): Encoding {
  let best: Encoding = 'windows-1251';
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const encoding of LEGACY) {
    const score = plausibility(iconv.decode(sample, encoding));
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Decides the encoding of a file read once from start to end (the strict UTF-8 check needs every
 * byte); keeps only its first 64 KiB and up to 256 KiB of the surroundings of non-ASCII bytes.
 */
export async function detectEncoding(chunks: AsyncIterable<Buffer>): Promise<DetectedEncoding> {
  const head: Buffer[] = [];
  let headBytes = 0;
  const sample: Buffer[] = [];
  let sampleBytes = 0;
  let validUtf8 = true;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let decided: DetectedEncoding | undefined;
  for await (const chunk of chunks) {
    if (headBytes < HEAD_BYTES) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= HEAD_BYTES && !decided) decided = decideFromHead(Buffer.concat(head));
    }
    if (decided) continue; // keep reading: the caller's stream ends cleanly
    if (validUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
    if (sampleBytes < SAMPLE_BYTES) {
      // Windows of 48 bytes around non-ASCII bytes: enough context for the letters' neighbours.
      for (let i = 0; i < chunk.length && sampleBytes < SAMPLE_BYTES; i++) {
        if ((chunk[i] as number) < 0x80) continue;
        const start = Math.max(0, i - 24);
        const end = Math.min(chunk.length, i + 24);
        const piece = chunk.subarray(start, end);
        sample.push(Buffer.from(piece), Buffer.from(' '));
        sampleBytes += piece.length + 1;
        i = end - 1;
      }
    }
  }
  if (!decided && headBytes < HEAD_BYTES) decided = decideFromHead(Buffer.concat(head));
  if (decided) return decided;
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  if (validUtf8) return { encoding: 'utf-8', by: 'utf-8' };
  return { encoding: guessLegacy(Buffer.concat(sample)), by: 'guess' };
}

function decideFromHead(head: Buffer): DetectedEncoding | undefined {
  const bom = bomOf(head);
  if (bom) return { encoding: bom, by: 'bom' };
  const utf16 = utf16ByNuls(head);
  if (utf16) return { encoding: utf16, by: 'nul-pattern' };
  return undefined;
}

/**
 * Bytes → text in `encoding`, without the byte-order mark. UTF-8 is decoded strictly: a byte
 * sequence that is not UTF-8 stops the import with a message naming the offset, rather than
 * storing U+FFFD in place of the user's letters.
 */
export function decoder(encoding: Encoding): Transform {
  if (encoding === 'utf-8') {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let offset = 0;
    return new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _enc, done) {
        try {
          const text = utf8.decode(chunk, { stream: true });
          offset += chunk.length;
          done(null, text);
        } catch {
          done(new ImportProblem('import.error.encoding', { encoding, offset }));
        }
      },
      flush(done) {
        try {
          done(null, utf8.decode());
        } catch {
          done(new ImportProblem('import.error.encoding', { encoding, offset }));
        }
      },
    });
  }
  const inner = iconv.getDecoder(encoding, { stripBOM: true });
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, inner.write(chunk));
    },
    flush(done) {
      done(null, inner.end() ?? '');
    },
  });
}

/**
 * Text → text with CRLF and lone CR made LF. csv-parse reads all three, but counts a CRLF inside a
 * quoted field as two lines (7.0.3), which would put later rows' line numbers off by one each.
 */
export function normaliseNewlines(): Transform {
  let pendingCr = false;
  return new Transform({
    objectMode: true,
    transform(text: string, _enc, done) {
      let s = pendingCr ? `\r${text}` : text;
      pendingCr = s.endsWith('\r');
      if (pendingCr) s = s.slice(0, -1);
      done(null, s.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, pendingCr ? '\n' : '');
    },
  });
}

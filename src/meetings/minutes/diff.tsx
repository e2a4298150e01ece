import { diffArrays } from 'diff';

/** One run of a comparison: text both versions share, or text only the older or newer one has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** A word (or punctuation mark) and the whitespace after it; only `word` is compared. */
interface Token {
  word: string;
  space: string;
}

// jsdiff's own word regex (diffWords, diffWordsWithSpace) counts only Latin letters as word
// characters, so Cyrillic words fall apart into single letters; Intl.Segmenter knows every script.
const segmenter = new Intl.Segmenter('kk', { granularity: 'word' });

// Node 20's Intl.Segmenter slows down far worse than linearly on long strings (10,000 words:
// 0.2 s, 20,000: 7 s), so it only ever sees one whitespace-free run, cut to this length at most.
const MAX_SEGMENTED = 256;

// Myers' algorithm costs about the square of the number of edits: two unrelated 10,000-word texts
// take seconds, giving up at 1,000 edits about 0.1 s. Past that many changed words a section has
// been rewritten, and its changed middle is shown as removed and added whole, as a reader would.
const MAX_EDITS = 1000;

const WORD_ONLY = /^[\p{L}\p{M}\p{N}]+$/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // split with a capture group alternates non-whitespace and whitespace, starting with the former.
  const runs = text.split(/(\s+)/u);
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] ?? '';
    if (run === '') continue;
    if (i % 2 === 1) {
      const last = tokens.at(-1);
      if (last) last.space += run;
      else tokens.push({ word: '', space: run });
    } else if (WORD_ONLY.test(run) && run.length <= MAX_SEGMENTED) {
      tokens.push({ word: run, space: '' }); // the common case, without the segmenter's cost
    } else {
      for (const chunk of chunks(run)) {
        for (const s of segmenter.segment(chunk)) tokens.push({ word: s.segment, space: '' });
      }
    }
  }
  return tokens;
}

/** Cuts a long run into pieces of at most MAX_SEGMENTED code units, never inside a surrogate pair. */
function chunks(run: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < run.length) {
    let end = Math.min(start + MAX_SEGMENTED, run.length);
    const code = run.charCodeAt(end - 1);
    if (end < run.length && code >= 0xd800 && code <= 0xdbff) end--;
    out.push(run.slice(start, end));
    start = end;
  }
  return out;
}

const joined = (tokens: Token[]) => tokens.map((t) => t.word + t.space).join('');

/** Word-level differences between two texts. */
export function diffTexts(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  // Shared words whose following whitespace differs stay 'same'; the whitespace becomes its own
  // removed/added pair, so that each column reproduces its version exactly (paragraph breaks too).
  const pushCommon = (older: Token[], newer: Token[]) => {
    older.forEach((o, k) => {
      const n = newer[k] ?? o;
      if (o.space === n.space) push('same', o.word + o.space);
      else {
        push('same', o.word);
        push('removed', o.space);
        push('added', n.space);
      }
    });
  };

  const a = tokenize(before);
  const b = tokenize(after);
  // Trimming the shared head and tail first keeps the costly part of the diff to the changed middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head]?.word === b[head]?.word) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail]?.word === b[b.length - 1 - tail]?.word
  ) {
    tail++;
  }
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  pushCommon(a.slice(0, head), b.slice(0, head));
  const changes =
    midA.length === 0 || midB.length === 0
      ? undefined
      : diffArrays(midA, midB, { comparator: (x, y) => x.word === y.word, maxEditLength: MAX_EDITS });
  if (changes) {
    let i = 0;
    let j = 0;
    for (const change of changes) {
      if (change.removed) {
        push('removed', joined(midA.slice(i, i + change.count)));
        i += change.count;
      } else if (change.added) {
        push('added', joined(midB.slice(j, j + change.count)));
        j += change.count;
      } else {
        pushCommon(midA.slice(i, i + change.count), midB.slice(j, j + change.count));
        i += change.count;
        j += change.count;
      }
    }
  } else {
    push('removed', joined(midA));
    push('added', joined(midB));
  }
  pushCommon(a.slice(a.length - tail), b.slice(b.length - tail));
  return parts;
}

/** A removed or added run: its surrounding whitespace stays outside the mark, which then has no gaps. */
function Marked({ part, label }: { part: DiffPart; label: string }) {
  const m = /^(\s*)([\s\S]*?)(\s*)$/u.exec(part.text);
  const [lead = '', core = '', trail = ''] = m ? m.slice(1) : [];
  // Whitespace alone (a changed paragraph break) shows as the layout of each column; a mark around
  // nothing visible would only be an empty announcement.
  if (core === '') return <>{part.text}</>;
  // The hidden label says "removed"/"added" to screen readers, which mostly ignore <del>/<ins>.
  const Tag = part.kind === 'removed' ? 'del' : 'ins';
  return (
    <>
      {lead}
      <Tag>
        <span class="visually-hidden">{label}: </span>
        {core}
      </Tag>
      {trail}
    </>
  );
}

/** Two columns: the older text with removals marked, the newer with additions marked. */
export function SideBySide({
  before,
  after,
  beforeLabel,
  afterLabel,
  removedLabel,
  addedLabel,
}: {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
  removedLabel: string;
  addedLabel: string;
}) {
  const parts = diffTexts(before, after);
  const column = (label: string, hidden: DiffPart['kind'], markLabel: string) => (
    <div class="minutes-diff-side">
      <p class="minutes-diff-label">{label}</p>
      <div class="minutes-diff-text">
        {parts
          .filter((p) => p.kind !== hidden)
          .map((p) => (p.kind === 'same' ? p.text : <Marked part={p} label={markLabel} />))}
      </div>
    </div>
  );
  return (
    <div class="minutes-diff">
      {column(beforeLabel, 'added', removedLabel)}
      {column(afterLabel, 'removed', addedLabel)}
    </div>
  );
}

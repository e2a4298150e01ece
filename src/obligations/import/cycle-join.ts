/*
 * Which reporting cycle an imported row joins when no document symbol says it (issue 13): the cycle
 * of the row's State and mechanism that its session cell names. The UPR's exports name either the
 * cycle ("Cycle 3", "3rd cycle", "3-й цикл") — a cycle's number — or the Working Group's session
 * ("34th session", "Session 34", "34"), which a cycle records as its session. A symbol that names a
 * document of a cycle still wins (write.ts), and a cell naming neither joins nothing.
 */

export type SessionReference = { cycle: number } | { session: number };

const ORDINAL = '(?:st|nd|rd|th|-?ы?[йяе]|-?ая|-?ші|-?шы|-?ол)?';
const CYCLE = [
  new RegExp(String.raw`(\d{1,2})\s*${ORDINAL}[\s-]*(?:upr\s+|упо\s+|әмш\s+)?(?:cycle|цикл)`, 'iu'),
  /(?:cycle|цикл\p{L}*)\s*(?:no\.?|№)?\s*(\d{1,2})(?!\d)/iu,
];
const SESSION = [
  new RegExp(String.raw`(\d{1,3})\s*${ORDINAL}[\s-]*(?:session|сесси|сессия)`, 'iu'),
  /(?:session|сесси\p{L}*)\s*(?:no\.?|№)?\s*(\d{1,3})(?!\d)/iu,
  /^\s*(\d{1,3})\s*$/,
];

/** The cycle or session a session cell names, or undefined. */
export function sessionReference(text: string | null): SessionReference | undefined {
  if (!text) return undefined;
  for (const re of CYCLE) {
    const m = re.exec(text);
    if (m) return { cycle: Number(m[1]) };
  }
  for (const re of SESSION) {
    const m = re.exec(text);
    if (m) return { session: Number(m[1]) };
  }
  return undefined;
}

/** The key cycles are looked up by: State, mechanism, and the cycle's number or session. */
export function cycleKey(stateCode: string, mechanismId: string, ref: SessionReference): string {
  return 'cycle' in ref ? `${stateCode}:${mechanismId}:c${ref.cycle}` : `${stateCode}:${mechanismId}:s${ref.session}`;
}

/** The lookup of every cycle by its number and by its session. */
export function cycleIndex(
  cycles: { id: string; state_code: string; mechanism_id: string; number: number | null; session: number | null }[],
): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of cycles) {
    if (c.number !== null) index.set(cycleKey(c.state_code, c.mechanism_id, { cycle: c.number }), c.id);
    const bySession = c.session !== null && cycleKey(c.state_code, c.mechanism_id, { session: c.session });
    // Two cycles at one session (never in practice): the first keeps it.
    if (bySession && !index.has(bySession)) index.set(bySession, c.id);
  }
  return index;
}

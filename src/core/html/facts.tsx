import type { ComponentChildren } from 'preact';
import type { I18n } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import { plain, T } from './text.tsx';

/** One entry of a list of facts (`<dl class="facts">`): its term and what it says. */
export function Fact({ term, children, class: cls }: { term: string; children: ComponentChildren; class?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd class={cls}>{children}</dd>
    </>
  );
}

/** Named things ("A, B and C" in the reader's language) as a fact; nothing when there are none. */
export function NamesFact({
  term,
  names,
  i18n,
  class: cls,
}: {
  term: string;
  names: { name: Translated }[];
  i18n: I18n;
  class?: string;
}) {
  if (names.length === 0) return null;
  return (
    <Fact term={term} class={cls}>
      {i18n.list(names.map((n) => plain(n.name, i18n)))}
    </Fact>
  );
}

/** A translated text as a fact; nothing when it has no text in any language. */
export function TextFact({ term, value, i18n }: { term: string; value: Translated | null | undefined; i18n: I18n }) {
  if (!i18n.pick(value)) return null;
  return (
    <Fact term={term}>
      <T value={value} i18n={i18n} />
    </Fact>
  );
}

import type { ComponentChildren } from 'preact';

/** One fact of a record's facts list (`<dl class="facts">`): its label and its value. */
export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

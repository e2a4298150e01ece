import type { ComponentChildren } from 'preact';

/**
 * A list under its heading, in a section labelled by it; `children` renders one item. An empty list
 * shows `empty`, or leaves the whole section out when there is no such text.
 */
export function ListSection<I>({
  id,
  heading,
  items,
  empty,
  children,
}: {
  id: string;
  heading: string;
  items: I[];
  empty?: string;
  children: (item: I) => ComponentChildren;
}) {
  if (items.length === 0 && empty === undefined) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li>{children(item)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * A table in its scrolling box: a caption for screen readers, a row of column headings (`null`: an
 * empty cell; `false` or `undefined`: no column) and the rows. The box is a focusable, labelled
 * region (WCAG 2.1.1: a keyboard can scroll a table wider than the screen), named by the caption,
 * by `labelledBy`, or else by its column headings; kenes.js takes it out of the tab order while the
 * table fits.
 */
export function Table({
  className,
  caption,
  labelledBy,
  columns,
  children,
}: {
  className?: string | undefined;
  caption?: ComponentChildren;
  labelledBy?: string;
  columns: ComponentChildren[];
  children: ComponentChildren;
}) {
  const captionId = useId();
  const headings = columns.filter((c): c is string => typeof c === 'string');
  const name =
    labelledBy !== undefined
      ? { 'aria-labelledby': labelledBy }
      : caption !== undefined
        ? { 'aria-labelledby': captionId }
        : { 'aria-label': headings.join(', ') };
  return (
    // A section with a name is a region landmark; it takes the focus so a keyboard can scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe scrollable-region-focusable)
    <section class="table-scroll" tabIndex={0} {...name}>
      <table class={className} aria-labelledby={labelledBy}>
        {caption !== undefined && (
          <caption class="visually-hidden" id={captionId}>
            {caption}
          </caption>
        )}
        <thead>
          <tr>
            {columns.map((c) =>
              c === null ? <td /> : c === false || c === undefined ? null : <th scope="col">{c}</th>,
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

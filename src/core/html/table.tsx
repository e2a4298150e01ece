import type { ComponentChildren } from 'preact';

/**
 * A table in its scrolling box: a caption for screen readers, a row of column headings (`null`: an
 * empty cell; `false` or `undefined`: no column) and the rows.
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
  return (
    <div class="table-scroll">
      <table class={className} aria-labelledby={labelledBy}>
        {caption !== undefined && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) =>
              c === null ? <td /> : c === false || c === undefined ? null : <th scope="col">{c}</th>,
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

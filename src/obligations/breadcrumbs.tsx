import type { ComponentChildren } from 'preact';

/** The trail above an obligations page: the list it belongs to, then (when given) the record it is part of. */
export function Breadcrumbs({ href, label, record }: { href: string; label: string; record?: ComponentChildren }) {
  return (
    <p class="breadcrumbs">
      <a href={href}>{label}</a>
      {record && <> › {record}</>}
    </p>
  );
}

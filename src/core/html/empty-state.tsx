import type { ComponentChildren } from 'preact';

/**
 * What a list shows when it holds nothing: what that means, a word of guidance, and — for a reader
 * who can do something about it — the next step as a link (to a page, or to a form on this one).
 */
export function EmptyState({
  text,
  hint,
  action,
}: {
  text: string;
  hint?: ComponentChildren;
  action?: { href: string; label: string } | false | undefined;
}) {
  return (
    <div class="empty-state">
      <p>{text}</p>
      {hint && <p class="empty-state__hint">{hint}</p>}
      {action && (
        <p>
          <a class="button" href={action.href}>
            {action.label}
          </a>
        </p>
      )}
    </div>
  );
}

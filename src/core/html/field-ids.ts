import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * The ids of a form's fields (`field-…`, `hint-…`, `error-…`) are unique on the page: a form that
 * shares field names with another form of its page gives an `idPrefix` (`Form`), provided to its
 * fields here, so labels, hints, errors and the error summary's links reach the right control.
 */
export const FieldIdPrefix = createContext('');

/** The id of a field's control (`kind` 'field'), hint or error, in the form it is rendered in. */
export function useFieldId(name: string, kind: 'field' | 'hint' | 'error' = 'field'): string {
  return fieldId(useFieldIdPrefix(), name, kind);
}

/**
 * The prefix of the form a field is rendered in, for fieldId: a component that needs several ids asks
 * once (each useContext adds a hook's state and a subscription to the component; a form of 36 fields
 * asked 216 times).
 */
export function useFieldIdPrefix(): string {
  return useContext(FieldIdPrefix);
}

/** The id of a field in the form with this prefix ('' for none). */
export function fieldId(prefix: string, name: string, kind: 'field' | 'hint' | 'error' = 'field'): string {
  return prefix ? `${kind}-${prefix}-${name}` : `${kind}-${name}`;
}

/**
 * Enter in a date field finishes the date, never the form: a browser submits a form when
 * Enter is pressed in one of its text inputs, and a date typed halfway ("1985-04") would
 * otherwise be saved as no date at all.
 */
import type { KeyboardEvent } from 'react';

export function keepEnterInDateField(e: KeyboardEvent<HTMLElement>): void {
  if (e.key === 'Enter') e.preventDefault();
}

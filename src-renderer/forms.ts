/** Puts a server error where the person will look for it: on the field it names, else above the form. */
import type { UseFormReturnType } from '@mantine/form';
import { ApiError, errorMessage } from './api';

/** The form field an issue belongs to: exact, or the nearest parent ("consentEmail.granted" -> "consentEmail"). */
function fieldFor(issueField: string, fields: string[]): string | null {
  let path = issueField;
  while (path) {
    if (fields.includes(path)) return path;
    const dot = path.lastIndexOf('.');
    path = dot > 0 ? path.slice(0, dot) : '';
  }
  return null;
}

/**
 * Sets field errors from the server's issues and returns the message to show above the
 * form for anything no field can show (null when every issue found its field).
 */
export function applyServerError<V extends Record<string, unknown>>(
  form: UseFormReturnType<V, unknown>,
  err: unknown,
): string | null {
  if (!(err instanceof ApiError) || err.issues.length === 0) return errorMessage(err);
  const fields = Object.keys(form.getValues());
  const errors: Record<string, string> = {};
  const leftover: string[] = [];
  for (const issue of err.issues) {
    const field = fieldFor(issue.field, fields);
    if (field) errors[field] ??= issue.message;
    else leftover.push(issue.message);
  }
  form.setErrors(errors);
  return leftover.length ? leftover.join(' ') : null;
}

/**
 * Forms and the contract: a form whose `validate` is `contractRules` checks what is typed with
 * its channel's own zod schema (the rules and the words the main process applies; the client
 * edit, interaction, mail settings and reminder text forms do not), and a server error lands
 * where the person will look for it, on the field it names, else above the form.
 */
import { schemaResolver, type FormErrors, type UseFormReturnType } from '@mantine/form';
import { contract, type Channel, type Input } from '../src-preload/contract';
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

/**
 * A form's `validate`, from its channel's input schema through Mantine's Standard Schema resolver:
 * `toInput` builds the channel's input from the form's values, as the submit does. An issue lands
 * on the field it names or its nearest parent; one about a value the form does not show is left
 * to the server's answer instead of blocking the form without a word. `more` adds what the
 * channel cannot check (a password typed twice).
 */
export function contractRules<C extends Channel, V extends object>(
  channel: C,
  toInput: (values: V) => Input<C>,
  more?: (values: NoInfer<V>) => FormErrors,
): (values: V) => FormErrors {
  const resolve = schemaResolver(contract[channel].input, { sync: true });
  return (values) => {
    const fields = Object.keys(values);
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(resolve(toInput(values)))) {
      const field = fieldFor(path, fields);
      if (field) errors[field] ??= message;
    }
    return { ...errors, ...more?.(values) };
  };
}

/** A NumberInput's value as the contract's number: it hands back '' when cleared, which is no number (not 0). */
export const typedNumber = (v: number | string): number => (v === '' ? Number.NaN : Number(v));

/** The check a new password's second copy needs: the same as the first. */
export const samePassword = (values: { password: string; confirmPassword: string }): FormErrors =>
  values.confirmPassword === values.password ? {} : { confirmPassword: 'Passwords do not match' };

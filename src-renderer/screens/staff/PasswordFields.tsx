/** A new password typed twice, checked for length and match before the server sees it. */
import { PasswordInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { LIMITS } from '../../../src-preload/limits';

export interface PasswordValues {
  password: string;
  confirmPassword: string;
}

export const passwordRules = {
  password: (v: string) =>
    v.length >= LIMITS.passwordMin ? null : `Password must be at least ${LIMITS.passwordMin} characters`,
  confirmPassword: (v: string, values: PasswordValues) => (v === values.password ? null : 'Passwords do not match'),
};

export function PasswordFields<V extends PasswordValues>({
  form,
  label = 'Password',
}: {
  form: UseFormReturnType<V, unknown>;
  label?: string;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        required
        description={`At least ${LIMITS.passwordMin} characters`}
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
      <PasswordInput label={`Confirm ${label.toLowerCase()}`} required autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
    </>
  );
}

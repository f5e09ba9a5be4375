/** A new password typed twice (the form checks it with its channel's rules and samePassword, forms.ts). */
import { PasswordInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { LIMITS } from '../../../src-preload/limits';

export interface PasswordValues {
  password: string;
  confirmPassword: string;
}

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

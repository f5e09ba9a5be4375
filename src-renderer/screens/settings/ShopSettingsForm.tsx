import { useEffect, useState } from 'react';
import { Alert, Button, Center, Group, Loader, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../src-preload/contract';
import { IDLE_LOCK_MINUTES, LIMITS } from '../../../src-preload/limits';
import { countryOptions } from '../../countries';
import { applyServerError, contractRules, typedNumber } from '../../forms';
import { AS_COUNTRY, formatChoices } from '../../formatChoices';
import { keys } from '../../keys';
import { useChannelMutation, useSettings } from '../../queries';

const SYSTEM_ZONE = 'system';

/** Every zone this computer knows, after "this computer's own" (named when the shop uses it now). */
function zoneChoices(systemZone: string | null) {
  return [{ value: SYSTEM_ZONE, label: systemZone ? `This computer’s (${systemZone})` : 'This computer’s' }, ...Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }))];
}

export function ShopSettingsForm() {
  const client = useQueryClient();
  const settings = useSettings(true);
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('settings-update', { form: true, invalidate: [keys.settings, keys.appInfo, keys.clients] });
  const form = useForm({
    initialValues: {
      shopName: '',
      defaultCountry: 'US',
      idleLockMinutes: IDLE_LOCK_MINUTES.default as number | string,
      allClientsVisible: false,
      primaryCanHandOver: false,
      unassignedPool: true,
      formatLocale: AS_COUNTRY,
      timeZone: SYSTEM_ZONE,
    },
    validate: contractRules('settings-update', (v) => ({ shopName: v.shopName, idleLockMinutes: typedNumber(v.idleLockMinutes) })),
  });

  // form.initialize is stable and only acts once; the settings arriving is the one event that matters.
  const { initialize } = form;
  useEffect(() => {
    // Only this form's fields: the rest of the settings (assignment, onboarding) are not this form's to send.
    if (settings.data) {
      const { shopName, defaultCountry, idleLockMinutes, allClientsVisible, primaryCanHandOver, unassignedPool, formatLocale, timeZone, timeZoneFromSystem } = settings.data;
      initialize({ shopName, defaultCountry, idleLockMinutes, allClientsVisible, primaryCanHandOver, unassignedPool, formatLocale: formatLocale ?? AS_COUNTRY, timeZone: timeZoneFromSystem ? SYSTEM_ZONE : timeZone });
    }
  }, [initialize, settings.data]);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await update.mutateAsync({ ...values, idleLockMinutes: Number(values.idleLockMinutes), formatLocale: values.formatLocale === AS_COUNTRY ? null : values.formatLocale, timeZone: values.timeZone === SYSTEM_ZONE ? null : values.timeZone });
      client.setQueryData<SessionInfo | null>(keys.session, (s) => s && { ...s, idleLockMinutes: saved.idleLockMinutes });
      notifications.show({ color: 'teal', message: 'Shop settings saved.' });
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  if (settings.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading settings" />
      </Center>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not save the settings">{error}</Alert>}
        <TextInput label="Shop name" required maxLength={LIMITS.shopName} {...form.getInputProps('shopName')} />
        <Select
          label="Default country"
          description="Used to read phone numbers typed without a country code"
          data={countryOptions}
          searchable
          allowDeselect={false}
          {...form.getInputProps('defaultCountry')}
        />
        <Select
          label="Date and number format"
          description="How dates, numbers and amounts read on every screen"
          data={formatChoices(form.values.defaultCountry)}
          allowDeselect={false}
          {...form.getInputProps('formatLocale')}
        />
        <Select
          label="Time zone"
          description="The shop's days, appointment times and opening hours are on this clock"
          data={zoneChoices(settings.data?.timeZoneFromSystem ? settings.data.timeZone : null)}
          searchable
          allowDeselect={false}
          {...form.getInputProps('timeZone')}
        />
        <NumberInput
          label="Idle lock (minutes)"
          description="Lock the screen after this many minutes without activity; 0 turns it off"
          min={IDLE_LOCK_MINUTES.min}
          max={IDLE_LOCK_MINUTES.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          {...form.getInputProps('idleLockMinutes')}
        />
        <Switch
          label="All staff see all clients"
          description="Every role sees every client, whatever its own visibility"
          {...form.getInputProps('allClientsVisible', { type: 'checkbox' })}
        />
        <Switch
          label="Associates see the Unassigned clients at their locations"
          description="So they can claim them: Unassigned clients whose home or a sale, booking or note is at one of the associate's locations"
          {...form.getInputProps('unassignedPool', { type: 'checkbox' })}
        />
        <Switch
          label="Primary staff may hand a client to a colleague"
          description="The staff member a client is assigned to may reassign that client to someone else"
          {...form.getInputProps('primaryCanHandOver', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>Save shop settings</Button>
        </Group>
      </Stack>
    </form>
  );
}

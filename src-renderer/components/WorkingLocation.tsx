/**
 * Where the person works today, in the header: the location's name, or for someone with
 * several, a picker. Clients they create get it as their home; what they record happens there.
 */
import { Select, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../src-preload/contract';
import { keys } from '../keys';
import { useChannelMutation } from '../queries';

export function WorkingLocation({ session }: { session: SessionInfo }) {
  const client = useQueryClient();
  const choose = useChannelMutation('session-location-set');
  const current = session.workingLocation;
  if (!current) return null;
  if (session.workingLocations.length < 2) {
    return (
      <Text size="sm" c="dimmed" aria-label="Working location">
        {current.name}
      </Text>
    );
  }
  return (
    <Select
      size="xs"
      w={160}
      aria-label="Working location"
      title="Where you work today"
      data={session.workingLocations.map((l) => ({ value: String(l.id), label: l.name }))}
      value={String(current.id)}
      allowDeselect={false}
      disabled={choose.isPending}
      onChange={(value) => {
        if (!value || Number(value) === current.id) return;
        choose
          .mutateAsync({ locationId: Number(value) })
          .then((next) => client.setQueryData(keys.session, next))
          .catch(() => undefined);
      }}
    />
  );
}

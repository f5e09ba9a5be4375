/** Ctrl+K (⌘K) anywhere: type a few letters or digits, open the client. */
import { useEffect, useState } from 'react';
import { Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { LIMITS } from '../../../src-preload/limits';
import { fullName } from '../../format';
import { useClientMatches } from '../../queries';

export function ClientSpotlight({ onOpen }: { onOpen: (id: number) => void }) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 100);
  const found = useClientMatches(query, 8, opened);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setText('');
        setOpened(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const items = query ? (found.data?.items ?? []) : [];
  const open = (id: number) => {
    setOpened(false);
    onOpen(id);
  };
  return (
    <Modal opened={opened} onClose={() => setOpened(false)} title="Open a client" withCloseButton={false}>
      <TextInput
        data-autofocus
        aria-label="Find a client"
        placeholder="Name, email or phone"
        maxLength={LIMITS.searchQuery}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && items[0]) open(items[0].id);
        }}
        rightSection={<Kbd size="xs">Enter</Kbd>}
        rightSectionWidth={60}
      />
      <Stack gap={2} mt="sm" role="listbox" aria-label="Matching clients">
        {items.map((c) => (
          <UnstyledButton key={c.id} role="option" aria-selected={false} onClick={() => open(c.id)} p="xs">
            <Text fw={500}>{fullName(c)}</Text>
            <Text size="xs" c="dimmed">
              {[c.email, c.phone].filter(Boolean).join(' · ')}
            </Text>
          </UnstyledButton>
        ))}
        {query && found.isSuccess && items.length === 0 && <Text c="dimmed" size="sm">No client matches “{query}”.</Text>}
      </Stack>
    </Modal>
  );
}

/**
 * The command palette: Ctrl+K (⌘K) anywhere, or "Find…" in the header. Type a few letters or
 * digits: the pages this person may open and the clients that match; ↑ and ↓ move through
 * them, Enter opens the highlighted one, Escape closes. The list is a listbox the input
 * controls (aria-activedescendant), so a screen reader follows the highlight.
 */
import { useEffect, useState } from 'react';
import { Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { LIMITS } from '../../../src-preload/limits';
import { fullName } from '../../format';
import type { PageId } from '../../pages';
import { useClientMatches } from '../../queries';

type Item = { kind: 'page'; id: PageId; label: string } | { kind: 'client'; id: number; label: string; detail: string };

interface Props {
  opened: boolean;
  onOpenChange: (opened: boolean) => void;
  /** Ctrl+K opens it; off while the screen is locked. */
  shortcut: boolean;
  pages: readonly { id: PageId; label: string }[];
  onPage: (id: PageId) => void;
  onOpen: (id: number) => void;
}

export const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function ClientSpotlight({ opened, onOpenChange, shortcut, pages, onPage, onOpen }: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [query] = useDebouncedValue(text.trim(), 100);
  const found = useClientMatches(query, 8, opened);
  useEffect(() => {
    if (!shortcut) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setText('');
        setActive(0);
        onOpenChange(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut, onOpenChange]);

  const words = text.trim().toLocaleLowerCase();
  const items: Item[] = words
    ? [
        ...pages.filter((p) => p.label.toLocaleLowerCase().includes(words)).map((p): Item => ({ kind: 'page', id: p.id, label: `Go to ${p.label}` })),
        ...(query ? (found.data?.items ?? []) : []).map((c): Item => ({ kind: 'client', id: c.id, label: fullName(c), detail: [c.email, c.phone].filter(Boolean).join(' · ') })),
      ]
    : [];
  const current = items.length ? Math.min(active, items.length - 1) : -1;
  const optionId = (i: number) => `palette-option-${i}`;

  const choose = (item: Item | undefined) => {
    if (!item) return;
    onOpenChange(false);
    if (item.kind === 'page') onPage(item.id);
    else onOpen(item.id);
  };

  return (
    <Modal opened={opened} onClose={() => onOpenChange(false)} title="Go to a client or a page" withCloseButton={false}>
      <TextInput
        data-autofocus
        aria-label="Find a client"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="palette-options"
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder="Name, email or phone; or a page"
        maxLength={LIMITS.searchQuery}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (items.length) setActive((current + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(items[current]);
          }
        }}
        rightSection={<Kbd size="xs">Enter</Kbd>}
        rightSectionWidth={60}
      />
      <Stack gap={2} mt="sm" role="listbox" id="palette-options" aria-label="Matching clients">
        {items.map((item, i) => (
          <UnstyledButton
            key={`${item.kind}-${item.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            tabIndex={-1}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(item)}
            p="xs"
            style={{ borderRadius: 'var(--mantine-radius-sm)', background: i === current ? 'var(--mantine-color-default-hover)' : undefined }}
          >
            <Text fw={500}>{item.label}</Text>
            {item.kind === 'client' && item.detail && (
              <Text size="xs" c="dimmed">
                {item.detail}
              </Text>
            )}
          </UnstyledButton>
        ))}
        {query && found.isSuccess && items.length === 0 && <Text c="dimmed" size="sm">Nothing matches “{query}”.</Text>}
      </Stack>
    </Modal>
  );
}

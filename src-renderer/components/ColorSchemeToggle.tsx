/** Cycles Auto -> Light -> Dark; Mantine's manager remembers the choice in localStorage. */
import { ActionIcon, Tooltip, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const NEXT: Record<MantineColorScheme, MantineColorScheme> = { auto: 'light', light: 'dark', dark: 'auto' };
const LABEL: Record<MantineColorScheme, string> = { auto: 'Auto', light: 'Light', dark: 'Dark' };
const GLYPH: Record<MantineColorScheme, string> = { auto: '◐', light: '☀', dark: '☾' };

export function ColorSchemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const label = `Theme: ${LABEL[colorScheme]} (switch to ${LABEL[NEXT[colorScheme]]})`;
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setColorScheme(NEXT[colorScheme])}>
        <span aria-hidden="true">{GLYPH[colorScheme]}</span>
      </ActionIcon>
    </Tooltip>
  );
}

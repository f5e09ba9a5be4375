/** The centred card the first-run and login screens sit in. */
import type { ReactNode } from 'react';
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { ColorSchemeToggle } from './ColorSchemeToggle';

export function AuthCard({ title, subtitle, children, width = 440 }: { title: string; subtitle: string; children: ReactNode; width?: number }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Box pos="fixed" top={16} right={16}>
        <ColorSchemeToggle />
      </Box>
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={width}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {title}
            </Title>
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          </div>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

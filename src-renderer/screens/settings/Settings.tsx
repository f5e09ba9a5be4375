/** Settings: everyone's own account; the shop's settings for admins. */
import { Paper, Stack, Title } from '@mantine/core';
import { BackupsSection } from '../backups/BackupsSection';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ShopSettingsForm } from './ShopSettingsForm';

export function Settings({ isAdmin }: { isAdmin: boolean }) {
  return (
    <Stack maw={720}>
      <Title order={2}>Settings</Title>
      <Paper withBorder p="md" component="section" aria-labelledby="settings-account">
        <Title order={3} size="h4" mb="md" id="settings-account">
          My account
        </Title>
        <ChangePasswordForm />
      </Paper>
      {isAdmin && (
        <Paper withBorder p="md" component="section" aria-labelledby="settings-shop">
          <Title order={3} size="h4" mb="md" id="settings-shop">
            Shop
          </Title>
          <ShopSettingsForm />
        </Paper>
      )}
      {isAdmin && (
        <Paper withBorder p="md" component="section" aria-labelledby="settings-backups">
          <Title order={3} size="h4" mb="md" id="settings-backups">
            Backups
          </Title>
          <BackupsSection />
        </Paper>
      )}
    </Stack>
  );
}

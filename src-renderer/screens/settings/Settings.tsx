/** Settings: everyone's own account; the shop's settings and locations for those who may change them. */
import type { ReactNode } from 'react';
import { Paper, Stack, Title } from '@mantine/core';
import { BackupsSection } from '../backups/BackupsSection';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LocationsSection } from './LocationsSection';
import { MailSettingsSection } from './MailSettingsSection';
import { OpeningHoursSection } from './OpeningHoursSection';
import { ReminderTemplateForm } from './ReminderTemplateForm';
import { ServicesSection } from './ServicesSection';
import { ShopSettingsForm } from './ShopSettingsForm';
import { TrashRetentionForm } from './TrashRetentionForm';

interface Props {
  canChangeShop: boolean;
  canManageBackups: boolean;
  canErase: boolean;
  /** appointment.services and appointment.hours: the services list and the locations' opening hours. */
  canManageServices?: boolean;
  canSetHours?: boolean;
}

export function Settings({ canChangeShop, canManageBackups, canErase, canManageServices = false, canSetHours = false }: Props) {
  return (
    <Stack maw={720}>
      <Title order={2}>Settings</Title>
      <Section id="settings-account" title="My account">
        <ChangePasswordForm />
      </Section>
      {canChangeShop && (
        <>
          <Section id="settings-shop" title="Shop">
            <ShopSettingsForm />
          </Section>
          <Section id="settings-locations" title="Locations">
            <LocationsSection />
          </Section>
          <Section id="settings-mail" title="Email">
            <MailSettingsSection />
          </Section>
          <Section id="settings-reminders" title="Appointment reminders">
            <ReminderTemplateForm />
          </Section>
          {canErase && (
            <Section id="settings-trash" title="Trash retention">
              <TrashRetentionForm />
            </Section>
          )}
        </>
      )}
      {canManageServices && (
        <Section id="settings-services" title="Services">
          <ServicesSection />
        </Section>
      )}
      {canSetHours && (
        <Section id="settings-hours" title="Opening hours">
          <OpeningHoursSection />
        </Section>
      )}
      {canManageBackups && (
        <Section id="settings-backups" title="Backups">
          <BackupsSection />
        </Section>
      )}
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

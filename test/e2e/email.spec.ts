/**
 * Email as a person uses it, against a real SMTP server on loopback: an Admin sets up the
 * shop's mail server and sends a test email, emails the client list as a campaign, follows it
 * to its report, unsubscribes the client there, and finds the email and the unsubscribe on
 * the client's profile.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { addClient, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

test('mail settings, a campaign to the client list, its report and unsubscribing', async ({ page, host }) => {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback(null, `2.0.0 Ok: queued as E2E${received.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  try {
    await page.goto(host.url);
    await setUpShop(page);

    await goTo(page, 'Settings');
    const mail = page.getByRole('region', { name: 'Email' });
    await mail.getByLabel('SMTP server').fill('127.0.0.1');
    await mail.getByLabel('Port').fill(String(port));
    await mail.getByText('None (local relay)').click();
    await mail.getByLabel('Sender name').fill('Maison Zoë');
    await mail.getByLabel('Sender address').fill('shop@maison.test');
    await mail.getByRole('button', { name: 'Save mail settings' }).click();
    await expect(page.getByText('Mail settings saved.')).toBeVisible();
    await expect(mail.getByTestId('password-storage')).toContainText('only the account running Clientele may read');
    await mail.getByLabel('Send a test email to').fill('owner@maison.test');
    await mail.getByRole('button', { name: 'Send a test email' }).click();
    await expect(mail.getByTestId('mail-test-answer')).toHaveText(/^250 2\.0\.0 Ok: queued as E2E1/);

    await addClient(page, { first: 'Zoë', last: 'Ångström', email: 'zoe@example.test', consentEmail: true });
    await addClient(page, { first: 'Abe', last: 'Noemail' });
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'Email this list' }).click();
    await page.getByLabel('Campaign name').fill('Spring');
    await page.getByLabel('Subject').fill('Spring at {{shop.name}}');
    await page.getByLabel('Message').fill('Dear {{recipient.first_name}}, our spring collection is in.');
    await page.getByRole('button', { name: 'Preview and count' }).click();
    await expect(page.getByTestId('campaign-count')).toHaveText('1 of 2 clients on this list will receive it (0 have not agreed to email, 1 have no address).');
    await expect(page.getByText('Dear Zoë, our spring collection is in.')).toBeVisible();
    await page.getByRole('button', { name: 'Send to 1 clients' }).click();
    await expect(page.getByTestId('campaign-progress')).toHaveText(/^Finished: 1 sent/, { timeout: 15_000 });
    expect(received.map((m) => m.to)).toEqual([['owner@maison.test'], ['zoe@example.test']]);
    expect(received[1]!.raw).toContain('List-Unsubscribe: <mailto:shop@maison.test?subject=unsubscribe>');

    const recipients = page.getByRole('table', { name: 'Recipients' });
    await recipients.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(recipients.getByText('Unsubscribed')).toBeVisible();

    await openClient(page, 'Zoë Ångström');
    await expect(page.getByRole('table', { name: 'Emails' })).toContainText('Sent');
    await expect(page.getByRole('region', { name: 'Consent' })).toContainText('No: Unsubscribed from the report of campaign “Spring”');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

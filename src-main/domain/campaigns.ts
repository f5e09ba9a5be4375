/**
 * What a campaign says to one client: its template with the shared placeholders filled from
 * the client's card and the shop. A placeholder reads a client column through the field
 * catalogue, so a field group the sender may not see is left blank in what they send.
 */
import type { FieldGroup } from '../../src-preload/policy';
import { CLIENT_FIELDS, type ClientColumn } from './client-fields';
import { renderTemplate, unknownPlaceholders, type Placeholder, type TemplateValues } from './templates';

export interface CampaignClient {
  first_name: string;
  last_name: string;
}

/** The client column each client placeholder reads; in a campaign the recipient is the client. */
const READS: Partial<Record<Placeholder, ClientColumn>> = {
  'recipient.first_name': 'first_name',
  'recipient.last_name': 'last_name',
  'client.first_name': 'first_name',
  'client.last_name': 'last_name',
};

export function campaignValues(client: CampaignClient, shopName: string, hidden: ReadonlySet<FieldGroup>): TemplateValues {
  const read = (p: Placeholder): string => {
    const column = READS[p]!;
    const group = CLIENT_FIELDS[column].group;
    return group !== null && hidden.has(group) ? '' : String(client[column as keyof CampaignClient] ?? '');
  };
  return {
    'recipient.first_name': read('recipient.first_name'),
    'recipient.last_name': read('recipient.last_name'),
    'client.first_name': read('client.first_name'),
    'client.last_name': read('client.last_name'),
    event: '',
    days: '',
    relationship: '',
    'shop.name': shopName,
  };
}

export function renderCampaign(subject: string, body: string, values: TemplateValues): { subject: string; body: string } {
  return { subject: renderTemplate(subject, values).replace(/[\r\n]+/g, ' '), body: renderTemplate(body, values) };
}

/** The placeholders neither template may use (unknown names), for the refusal. */
export const unknownIn = (subject: string, body: string) => [...new Set([...unknownPlaceholders(subject), ...unknownPlaceholders(body)])];

/**
 * Client rows to contract shapes, and the per-role projection: a field group hidden from
 * the viewer is blanked here, the one place every client response passes through, so it
 * never leaves the main process.
 */
import type { ClientDetail, ClientSummary } from '../../src-preload/contract';
import type { FieldGroup } from '../../src-preload/policy';
import type { ClientRow } from '../db/queries/clients.queries';

type Hidden = ReadonlySet<FieldGroup>;

/** Derived: Existing from the first visit, a booking or a sale (kept exact by triggers, 0003); Guest before. */
export const clientStatus = (firstVisitAt: string): 'guest' | 'existing' => (firstVisitAt ? 'existing' : 'guest');

export const toClientSummary = (r: ClientRow, hidden: Hidden, tags: string[] = []): ClientSummary => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: hidden.has('contact') ? null : r.email,
  phone: hidden.has('contact') ? null : r.phone,
  assignedStaffId: r.assigned_staff_id,
  assignedStaffName: r.assigned_staff_name,
  status: clientStatus(r.first_visit_at),
  createdAt: r.created_at,
  lastVisitAt: hidden.has('purchases') ? null : r.last_visit_at || null,
  totalSpendCents: hidden.has('purchases') ? null : r.total_spend_cents,
  city: hidden.has('address') ? null : r.city,
  tags: hidden.has('tags') ? [] : tags,
});

export const toClientDetail = (r: ClientRow, hidden: Hidden, tags: string[] = []): ClientDetail => {
  const address = !hidden.has('address');
  const dates = !hidden.has('dates');
  return {
    ...toClientSummary(r, hidden, tags),
    phoneE164: hidden.has('contact') ? null : r.phone_e164,
    birthday: dates ? r.birthday : null,
    anniversary: dates ? r.anniversary : null,
    address: {
      line1: address ? r.address_line1 : null,
      line2: address ? r.address_line2 : null,
      city: address ? r.city : null,
      region: address ? r.region : null,
      postalCode: address ? r.postal_code : null,
      country: address ? r.country : null,
    },
    notes: hidden.has('notes') ? null : r.notes,
    externalId: r.external_id,
    consent: {
      email: { granted: r.consent_email === 1, at: r.consent_email_at, source: r.consent_email_source },
      sms: { granted: r.consent_sms === 1, at: r.consent_sms_at, source: r.consent_sms_source },
    },
    createdBy: r.created_by !== null && r.created_by_name !== null ? { id: r.created_by, name: r.created_by_name } : null,
    homeLocation: r.home_location_id !== null && r.home_location_name !== null ? { id: r.home_location_id, name: r.home_location_name } : null,
    updatedAt: r.updated_at,
    version: r.version,
    hiddenFields: [...hidden],
  };
};

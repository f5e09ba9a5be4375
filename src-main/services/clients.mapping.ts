import type { ClientDetail, ClientSummary } from '../../src-preload/contract';
import type { ClientRow } from '../db/queries/clients.queries';

export const toClientSummary = (r: ClientRow): ClientSummary => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  phone: r.phone,
  assignedStaffId: r.assigned_staff_id,
  assignedStaffName: r.assigned_staff_name,
  status: r.has_visit ? 'existing' : 'guest',
  createdAt: r.created_at,
});

export const toClientDetail = (r: ClientRow): ClientDetail => ({
  ...toClientSummary(r),
  phoneE164: r.phone_e164,
  birthday: r.birthday,
  anniversary: r.anniversary,
  address: {
    line1: r.address_line1,
    line2: r.address_line2,
    city: r.city,
    region: r.region,
    postalCode: r.postal_code,
    country: r.country,
  },
  notes: r.notes,
  consent: {
    email: { granted: r.consent_email === 1, at: r.consent_email_at, source: r.consent_email_source },
    sms: { granted: r.consent_sms === 1, at: r.consent_sms_at, source: r.consent_sms_source },
  },
  createdBy: r.created_by !== null && r.created_by_name !== null ? { id: r.created_by, name: r.created_by_name } : null,
  updatedAt: r.updated_at,
  version: r.version,
});

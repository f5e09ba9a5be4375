/**
 * The one contract between the renderer and the main process: every channel's zod input,
 * its output type and a valid sample payload, one file per domain, composed here; and the
 * events the main process pushes. The main process implements it (src-main/ipc/handlers.ts),
 * the bridge exposes it (electron.ts, web.ts), the renderer calls it. The renderer is
 * untrusted: the main process parses every payload with these schemas before anything else
 * looks at it, and no payload ever names the acting user.
 */
import type { z } from 'zod';
import type { ChannelName, EVENTS } from '../channels';
import { appointmentChannels } from './appointments';
import { assignmentChannels } from './assignment';
import { auditChannels } from './audit';
import { backupChannels } from './backups';
import { clientActivityChannels } from './client-activity';
import { clientDataChannels } from './client-data';
import { calendarFileChannels } from './calendar-files';
import { campaignChannels } from './campaigns';
import { clientChannels } from './clients';
import { emailChannels } from './email';
import type { EventName, Events } from './events';
import { importExportChannels } from './import-export';
import { locationChannels } from './locations';
import { mergeChannels } from './merge';
import { relationshipChannels } from './relationships';
import { reportChannels } from './reports';
import type { Result } from './result';
import { roleChannels } from './roles';
import { segmentChannels } from './segments';
import { sessionChannels } from './session';
import { settingsChannels } from './settings';
import { staffChannels } from './staff';
import { trashChannels } from './trash';

export * from './appointments';
export * from './assignment';
export * from './audit';
export * from './backups';
export * from './client-activity';
export * from './client-data';
export * from './calendar-files';
export * from './campaigns';
export * from './clients';
export * from './email';
export * from './events';
export * from './import-export';
export * from './locations';
export * from './merge';
export * from './relationships';
export * from './reports';
export * from './result';
export * from './roles';
export * from './segments';
export * from './session';
export * from './settings';
export { channel, ROLES, type Page, type Role } from './shared';
export * from './staff';
export * from './trash';

export const contract = {
  ...sessionChannels,
  ...settingsChannels,
  ...locationChannels,
  ...staffChannels,
  ...roleChannels,
  ...clientChannels,
  ...clientActivityChannels,
  ...clientDataChannels,
  ...trashChannels,
  ...mergeChannels,
  ...segmentChannels,
  ...importExportChannels,
  ...backupChannels,
  ...auditChannels,
  ...relationshipChannels,
  ...assignmentChannels,
  ...emailChannels,
  ...campaignChannels,
  ...appointmentChannels,
  ...reportChannels,
  ...calendarFileChannels,
} as const satisfies Record<ChannelName, { input: z.ZodType; output: unknown; sample: unknown }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What the renderer may pass (before defaults and transforms). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What the main process receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

/** True when two unions hold the same members. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The plain name lists the sandboxed preload checks against are exactly the contract's.
true satisfies SameSet<Channel, ChannelName>;
true satisfies SameSet<EventName, (typeof EVENTS)[number]>;

/** The API both bridges expose to the renderer, identically. */
export interface ClienteleApi {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

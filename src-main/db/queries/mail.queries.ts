import type { Executor } from '../connection';
import type { MailSettingsTable } from '../schema';
import type { Insertable } from 'kysely';

export const getMailSettings = (db: Executor) => db.selectFrom('mail_settings').selectAll().where('id', '=', 1).executeTakeFirst();

export const saveMailSettings = (db: Executor, row: Insertable<MailSettingsTable>) =>
  db
    .insertInto('mail_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        host: row.host,
        port: row.port,
        security: row.security,
        username: row.username,
        from_name: row.from_name,
        from_address: row.from_address,
        reply_to: row.reply_to,
        hourly_limit: row.hourly_limit,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();

/** 'CLNT' in the SQLite header (PRAGMA application_id), as migration 0005 stamps it. */
export const APPLICATION_ID = 0x434c4e54;

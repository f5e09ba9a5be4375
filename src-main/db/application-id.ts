/** 'CLNT' in the SQLite header (PRAGMA application_id): how a Clientele book is recognised. */
export const APPLICATION_ID = 0x434c4e54;

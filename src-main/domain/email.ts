import { sqliteLower } from './fold';

/**
 * The key emails are compared by: the book's `email_key` column, SQLite's lower(email). With
 * JavaScript's toLowerCase, "ÉLODIE@exemple.fr" would miss the "Élodie@exemple.fr" the unique
 * index holds (key "Élodie@exemple.fr"), and the write that follows would fail on that index
 * instead of reporting a duplicate.
 */
export const emailKey = (email: string): string => sqliteLower(email);

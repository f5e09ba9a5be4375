/**
 * The key emails are compared by. The book's `email_key` column is SQLite's lower(email),
 * which folds the ASCII letters A-Z only; every lookup must fold the same way. With
 * JavaScript's toLowerCase, "ÉLODIE@exemple.fr" would miss the "Élodie@exemple.fr" the unique
 * index holds (key "Élodie@exemple.fr"), and the write that follows would fail on that index
 * instead of reporting a duplicate.
 */
export const emailKey = (email: string): string => email.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

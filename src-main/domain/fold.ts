/**
 * Case folding as the book's SQLite does it: lower() and the NOCASE collation fold the ASCII
 * letters A-Z and nothing else. Code that compares or dedupes names the database also
 * compares must fold the same way; JavaScript's toLowerCase also folds É to é, so it would
 * merge what a unique column keeps apart, or miss what it holds.
 */
export function sqliteLower(text: string): string {
  // For ASCII text the two folds agree, and toLowerCase is several times faster (the import
  // folds every row's email on its busiest thread).
  return NON_ASCII.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text.toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

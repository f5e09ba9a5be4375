/**
 * What the book accepts as an email, in a profile and in an import alike: something, an @, and
 * a domain with a dot, without spaces. Letters beyond ASCII are allowed (internationalised
 * addresses such as josé@exemple.fr). Loose on purpose: a client's real address is never
 * refused, and an imported client's email always passes when their profile is saved again.
 */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

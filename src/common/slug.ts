/** Slugs name things in URLs: lower-case letters, digits and inner hyphens, at most 64. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SLUG_MESSAGE = 'must be 1 to 64 lower-case letters, digits and inner hyphens';

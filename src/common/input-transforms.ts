/** class-transformer `@Transform` functions shared by the input classes: strings only, anything else as given. */
type TransformArgs = { value: unknown };

/** Surrounding blanks are not part of what people type. */
export const trim = ({ value }: TransformArgs) => (typeof value === 'string' ? value.trim() : value);

/** Slugs, e-mail addresses and domains compare case-insensitively: they are kept lower-case. */
export const lower = ({ value }: TransformArgs) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

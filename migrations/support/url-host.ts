/**
 * The host of a URL as the app names an endpoint (`URL.host`: lower-cased, without the default
 * port); what precedes the path when the URL no longer parses. Shared by the migrations that
 * reword what once held a whole URL; written here, not imported: a migration does not change with
 * the code.
 */
export function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return (/^[a-z][a-z0-9+.-]*:[\\/]*([^/\\?#]*)/i.exec(url)?.[1] ?? '').toLowerCase();
    }
}

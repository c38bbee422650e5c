/**
 * Dates as feeds write them: RFC 822 with any zone name readers know (CEST, EDT…), two-digit
 * years and wrong weekdays; W3C/ISO 8601 with or without zone (UTC then), date only, lower-case.
 */

const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(z|[+-]\d{2}:?\d{2})?$/i;
const RFC822 = /^(?:[a-z]+\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,})\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?/i;

/** Minutes east of UTC of a zone written as a name or an offset (+0200, -05:00); 0 when unknown. */
function zoneMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (offset) return (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return ZONES[zone.toUpperCase()] ?? 0;
}

function utc(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, millis: number, zone: number): Date | null {
  const time = Date.UTC(year, month, day, hours, minutes, seconds, millis) - zone * 60_000;
  const date = new Date(time);
  return Number.isNaN(time) || month < 0 || month > 11 || day < 1 || day > 31 ? null : date;
}

export function parseFeedDate(raw: string | null | undefined): Date | null {
  const value = raw?.trim();
  if (!value) return null;
  const iso = ISO.exec(value);
  if (iso) {
    const [, year, month, day, hours, minutes, seconds, fraction, zone] = iso;
    const millis = fraction ? Math.round(Number(fraction) * 1000) : 0;
    return utc(Number(year), Number(month) - 1, Number(day ?? 1), Number(hours ?? 0), Number(minutes ?? 0), Number(seconds ?? 0), millis, zoneMinutes(zone));
  }
  const rfc = RFC822.exec(value);
  if (rfc) {
    const [, day, monthName, yearText, hours, minutes, seconds, zone] = rfc;
    const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase());
    const shortYear = Number(yearText);
    const year = yearText.length === 2 ? (shortYear < 70 ? 2000 + shortYear : 1900 + shortYear) : shortYear;
    return month < 0 ? null : utc(year, month, Number(day), Number(hours), Number(minutes), Number(seconds ?? 0), 0, zoneMinutes(zone));
  }
  const fallback = new Date(value);
  return Number.isNaN(fallback.getTime()) ? null : fallback;
}

/** The most recent of several dates (an entry repeating <updated>), or null. */
export function latest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((best, date) => (date && (!best || date > best) ? date : best), null);
}

/** Where a person is in their day, in their time zone: what decides whether their digest is due. */
export interface LocalMoment {
  /** YYYY-MM-DD */
  day: string;
  /** 0 to 23 */
  hour: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `at` in the time zone `timeZone` (an IANA name such as America/Toronto). */
export function localMoment(at: Date, timeZone: string): LocalMoment {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** Whether `timeZone` is a time zone this server knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

import { isTimeZone, localMoment } from './local-day';

describe('a local day', () => {
  it('is the date and hour in the person’s time zone, across the date line of UTC', () => {
    const at = new Date('2026-12-01T03:30:00Z');
    expect(localMoment(at, 'America/Toronto')).toEqual({ day: '2026-11-30', hour: 22 });
    expect(localMoment(at, 'Europe/Paris')).toEqual({ day: '2026-12-01', hour: 4 });
    expect(localMoment(new Date('2026-07-01T11:00:00Z'), 'America/Vancouver')).toEqual({ day: '2026-07-01', hour: 4 });
  });

  it('knows the IANA time zones and refuses the rest', () => {
    expect(isTimeZone('America/St_Johns')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

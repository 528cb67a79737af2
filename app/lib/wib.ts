/**
 * Kalimantan's clock. Anjung's days and months are WIB days and months (UTC+7, no daylight
 * saving). A calendar date (a `@db.Date` column) reads back as that day's UTC midnight; the
 * instant a WIB day or month begins is 7 hours earlier.
 */
export const WIB_MS = 7 * 3_600_000;

/** Today's date in WIB, as a calendar date (UTC midnight). */
export function wibToday(now = new Date()) {
  return new Date(`${new Date(now.getTime() + WIB_MS).toISOString().slice(0, 10)}T00:00:00Z`);
}

/** The first day of the WIB month `back` months before the one `now` falls in, as a calendar date. */
export function wibMonth(now = new Date(), back = 0) {
  const wib = new Date(now.getTime() + WIB_MS);
  return new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - back, 1));
}

/** The first instant of the WIB month `back` months before the one `now` falls in. */
export function wibMonthStart(now: Date, back = 0): Date {
  return wibDayStart(wibMonth(now, back));
}

/** The instant a WIB calendar date begins (17:00 UTC the day before). */
export function wibDayStart(date: Date): Date {
  return new Date(date.getTime() - WIB_MS);
}

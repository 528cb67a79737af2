/** A trade rule said no: `key` is the locale key of the reason shown to the person, `params` its values. */
export class LotRefused extends Error {
  constructor(
    readonly key: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
  }
}

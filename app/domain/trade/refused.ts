/** A trade rule said no: `key` is the locale key of the reason shown to the person. */
export class LotRefused extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

import id from "~/locales/id.json";
import en from "~/locales/en.json";
import { createI18n, type AppLocale, type Messages } from "./i18n";

const messages: Record<AppLocale, Messages> = { id, en };

export function messagesFor(locale: AppLocale): Messages {
  return messages[locale];
}

const fixed = new Map<AppLocale, ReturnType<typeof createI18n>>();

/** A translator for server-side text (mail subjects, error messages). */
export function serverT(locale: AppLocale) {
  let inst = fixed.get(locale);
  if (!inst) {
    inst = createI18n(locale, messages[locale]);
    fixed.set(locale, inst);
  }
  return inst.t.bind(inst);
}

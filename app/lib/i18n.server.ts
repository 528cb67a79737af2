import id from "~/locales/id.json";
import en from "~/locales/en.json";
import i18next, { type i18n as I18n } from "i18next";
import type { AppLocale, Messages } from "./i18n";

/** An i18next instance for server-side text (mails): the same locale files, i18next's rules. */
function createI18n(locale: AppLocale, resources: Messages): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: resources } },
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
  });
  return instance;
}

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

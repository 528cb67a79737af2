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
const picked = new Map<string, Messages>();

/**
 * The messages a page ships: only the namespaces (top-level keys of the locale file) it
 * names. The same list gives the same object, so a page's messages are built once per
 * process. Without a list, every namespace (server-side text only).
 */
export function messagesFor(locale: AppLocale, namespaces?: readonly string[]): Messages {
  if (!namespaces) return messages[locale];
  const key = `${locale}:${[...namespaces].sort().join(",")}`;
  let out = picked.get(key);
  if (!out) {
    out = {};
    for (const ns of namespaces) {
      if (!(ns in messages[locale])) throw new Error(`no locale namespace "${ns}"`);
      out[ns] = messages[locale][ns];
    }
    picked.set(key, out);
  }
  return out;
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

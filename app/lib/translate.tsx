/**
 * Translation in components: a small `t` over the locale's messages (nested keys,
 * {{interpolation}}, plural forms chosen by Intl.PluralRules, defaultValue), the same on
 * the server render and in the browser. It follows i18next's conventions for the parts we
 * use, so the locale files stay i18next files (mails use i18next itself, see
 * i18n.server.ts), while the browser is spared i18next and react-i18next (about 15 KB gzip).
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { AppLocale, Messages } from "./i18n";

export type TFunction = (key: string, options?: Record<string, unknown>) => string;

const pluralRules = new Map<AppLocale, Intl.PluralRules>();

function lookup(messages: Messages, key: string): unknown {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const reported = new Set<string>();

/**
 * A key with no message is a bug (a namespace the route does not ship, or a typo): the server
 * emits a process warning (start.ts keeps them in DATA_DIR/warnings.log), the browser logs an
 * error (the end-to-end tests fail on both). Each key once per process.
 */
function reportMissing(key: string) {
  const message = `Missing message: ${key}`;
  if (typeof document !== "undefined") {
    console.error(message);
    return;
  }
  if (reported.has(key)) return;
  reported.add(key);
  globalThis.process?.emitWarning?.(message);
}

export function createTranslator(locale: AppLocale, messages: Messages): TFunction {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const plural = rules;
  return (key, options = {}) => {
    let value: unknown;
    if (typeof options.count === "number")
      value = lookup(messages, `${key}_${plural.select(options.count)}`) ?? lookup(messages, `${key}_other`);
    if (value === undefined) value = lookup(messages, key);
    if (value === undefined && options.defaultValue === undefined) reportMissing(key);
    const text =
      typeof value === "string" ? value : typeof options.defaultValue === "string" ? options.defaultValue : key;
    return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
      const v = options[name];
      return v === undefined || v === null ? whole : String(v);
    });
  };
}

const I18nContext = createContext<{ t: TFunction; locale: AppLocale }>({ t: (k) => k, locale: "id" });

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: AppLocale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ t: createTranslator(locale, messages), locale }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useTranslation() {
  return useContext(I18nContext);
}

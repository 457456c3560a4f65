import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

// The chosen language is a preference, not a secret: it is kept across visits (the API key is not).
const STORAGE_KEY = 'tumen.language';
const stored = localStorage.getItem(STORAGE_KEY);
const initial: Language = stored === 'ru' || stored === 'en' ? stored : navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
i18n.on('languageChanged', (language) => localStorage.setItem(STORAGE_KEY, language));

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export default i18n;

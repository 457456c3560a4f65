import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

/** "EN" / "RU": the language of every string of the console (the API's own reasons stay as it words them). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="secondary"
          aria-pressed={i18n.resolvedLanguage === language}
          lang={language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

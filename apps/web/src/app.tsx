import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route, Routes } from 'react-router';
import { useSession } from './session/session';
import { AuditLogPage } from './pages/audit-log-page';
import { CompaniesPage } from './pages/companies-page';
import { CompanyFormPage } from './pages/company-form-page';
import { CompanyLeadsPage } from './pages/company-leads-page';
import { OpportunitiesPage } from './pages/opportunities-page';
import { OpportunityFormPage } from './pages/opportunity-form-page';
import { PartnersPage } from './pages/partners-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { SanctionsListPage } from './pages/sanctions-list-page';
import { ScreeningCheckPage } from './pages/screening-check-page';
import { SignInPage } from './pages/sign-in-page';
import { LanguageSwitch } from './ui/language-switch';
import { Loading } from './ui/states';

export function App() {
  const { t, i18n } = useTranslation();
  const { session, restoring } = useSession();
  useEffect(() => {
    document.documentElement.lang = i18n.resolvedLanguage ?? 'en';
    document.title = t('app.title');
  }, [i18n.resolvedLanguage, t]);

  if (restoring) return <Loading />;
  if (!session) {
    return (
      <div className="shell">
        <header className="top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </header>
        <SignInPage />
      </div>
    );
  }
  const admin = session.role === 'admin';
  return (
    <Routes>
      <Route element={<Layout admin={admin} />}>
        <Route index element={<Navigate to="/companies" replace />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/new" element={<CompanyFormPage />} />
        <Route path="companies/:id/edit" element={<CompanyFormPage />} />
        <Route path="companies/:id/leads" element={<CompanyLeadsPage />} />
        {admin && (
          <>
            <Route path="review" element={<ReviewQueuePage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="sanctions" element={<SanctionsListPage />} />
            <Route path="screening" element={<ScreeningCheckPage />} />
            <Route path="opportunities" element={<OpportunitiesPage />} />
            <Route path="opportunities/new" element={<OpportunityFormPage />} />
            <Route path="opportunities/:id/edit" element={<OpportunityFormPage />} />
            <Route path="partners" element={<PartnersPage />} />
          </>
        )}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function Layout({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <span className="role muted small">{admin ? t('app.roleAdmin') : t('app.rolePartner')}</span>
        <LanguageSwitch />
        <button type="button" className="secondary" onClick={() => signOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <nav aria-label={t('nav.label')} className="nav">
        <NavLink to="/companies">{t('nav.companies')}</NavLink>
        {admin && (
          <>
            <NavLink to="/review">{t('nav.review')}</NavLink>
            <NavLink to="/audit">{t('nav.audit')}</NavLink>
            <NavLink to="/sanctions">{t('nav.sanctions')}</NavLink>
            <NavLink to="/screening">{t('nav.screening')}</NavLink>
            <NavLink to="/opportunities">{t('nav.opportunities')}</NavLink>
            <NavLink to="/partners">{t('nav.partners')}</NavLink>
          </>
        )}
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>
        <NavLink to="/companies">{t('nav.companies')}</NavLink>
      </p>
    </>
  );
}

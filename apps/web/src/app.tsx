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
import { OfficersPage, PartnersPage } from './pages/partners-page';
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
  const staff = session.role !== 'partner';
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/companies" replace />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/new" element={<CompanyFormPage />} />
        <Route path="companies/:id/edit" element={<CompanyFormPage />} />
        <Route path="companies/:id/leads" element={<CompanyLeadsPage />} />
        {staff && (
          <>
            <Route path="review" element={<ReviewQueuePage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="sanctions" element={<SanctionsListPage />} />
            <Route path="screening" element={<ScreeningCheckPage />} />
          </>
        )}
        {admin && (
          <>
            <Route path="opportunities" element={<OpportunitiesPage />} />
            <Route path="opportunities/new" element={<OpportunityFormPage />} />
            <Route path="opportunities/:id/edit" element={<OpportunityFormPage />} />
            <Route path="partners" element={<PartnersPage />} />
            <Route path="officers" element={<OfficersPage />} />
          </>
        )}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

const ROLE_LABEL = { admin: 'app.roleAdmin', officer: 'app.roleOfficer', partner: 'app.rolePartner' } as const;

function Layout() {
  const { t } = useTranslation();
  const { signOut, session } = useSession();
  const role = session!.role;
  const admin = role === 'admin';
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <span className="role muted small">{t(ROLE_LABEL[role])}</span>
        <LanguageSwitch />
        <button type="button" className="secondary" onClick={() => signOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <nav aria-label={t('nav.label')} className="nav">
        <NavLink to="/companies">{t('nav.companies')}</NavLink>
        {role !== 'partner' && (
          <>
            <NavLink to="/review">{t('nav.review')}</NavLink>
            <NavLink to="/audit">{t('nav.audit')}</NavLink>
            <NavLink to="/sanctions">{t('nav.sanctions')}</NavLink>
            <NavLink to="/screening">{t('nav.screening')}</NavLink>
          </>
        )}
        {admin && (
          <>
            <NavLink to="/opportunities">{t('nav.opportunities')}</NavLink>
            <NavLink to="/partners">{t('nav.partners')}</NavLink>
            <NavLink to="/officers">{t('nav.officers')}</NavLink>
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

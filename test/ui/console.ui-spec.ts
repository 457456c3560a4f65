import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { EmbeddedPlatform } from '../support/embedded.js';
import { innFrom } from '../support/fixtures.js';
import { asUser, DESKTOP, launchChromium, PHONE } from './support/console-browser.js';

/**
 * The web console in Debian's Chromium against the embedded platform, as `npm start` runs it:
 * every step goes through the pages, finding controls by their label or role. Each test fails on
 * any error the browser logs. The scenarios build on one another (a partner, its company, an
 * introduction that the admin then approves), so they run in order.
 */
let platform: EmbeddedPlatform;
let browser: Browser;
let partnerKey = '';
/** The two compliance officers the admin creates on the Officers page. */
const officerKeys: string[] = [];
const stem = Math.floor(Math.random() * 1_000_000);
const companyName = `OOO Primorye Gornoe Mashinostroenie ${stem}`;
const validInn = innFrom(254000000 + stem);
// The same digits with another check digit: the form's one bad field.
const badInn = validInn.slice(0, 9) + String((Number(validInn[9]) + 1) % 10);

// TEST_UI_BASE_URL and TEST_UI_ADMIN_KEY run the scenarios against a platform already running (e.g. `npm start`).
const running = process.env.TEST_UI_BASE_URL && process.env.TEST_UI_ADMIN_KEY ? { baseUrl: process.env.TEST_UI_BASE_URL, adminKey: process.env.TEST_UI_ADMIN_KEY } : undefined;
let target: { baseUrl: string; adminKey: string };

beforeAll(async () => {
  [platform, browser] = await Promise.all([running ? Promise.resolve(undefined as unknown as EmbeddedPlatform) : EmbeddedPlatform.start(), launchChromium()]);
  target = running ?? platform;
}, 200_000);

afterAll(async () => {
  await browser?.close();
  if (!running) await platform?.stop();
}, 30_000);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
/** The rows of the leads table, without the details rows that open under them. */
const leadRows = (page: Page) => page.locator('table.leads > tbody > tr:not(.details-row)');

/** The details region a lead's row opens to. */
async function openLead(page: Page, row: Locator): Promise<Locator> {
  const title = (await row.getByRole('button').first().innerText()).replace(/^▸\s*/, '').trim();
  await row.getByRole('button').first().click();
  const details = page.getByRole('region', { name: `Details of ${title}` });
  await details.waitFor();
  return details;
}

/** Reads on, page by page, until the locator is on the page shown. */
async function pageUntil(page: Page, wanted: Locator): Promise<void> {
  const pager = page.getByRole('navigation', { name: 'Pages' });
  for (;;) {
    await page.getByRole('table').waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    if (await wanted.count()) return;
    const range = await pager.locator('span').innerText();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await pager.locator('span').filter({ hasNotText: range }).waitFor();
  }
}

/** The rows of the leads table whose Compliance cell shows this verdict. */
function rowsWithVerdict(page: Page, verdict: string): Locator {
  return leadRows(page).filter({ has: page.locator('td:nth-child(4)', { hasText: verdict }) });
}

describe('the web console in Chromium', () => {
  it('refuses an unknown key beside the field, signs the admin in, and registers a partner whose key it shows once', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      const answer = await page.goto(`${target.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/app/');
      // Nothing but the platform itself may be loaded: the console runs on a closed network.
      expect(answer?.headers()['content-security-policy']).toContain("default-src 'self'");
      await expect(page.request.get(`${target.baseUrl}/app/assets/missing.js`).then((r) => r.status())).resolves.toBe(404);
      await user.screenshot('sign-in');
      user.expectApiError(401, '/v1/me');
      await page.getByLabel('API key', { exact: true }).fill('tmn_not_a_key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The platform does not know this key (401).').waitFor();

      await page.getByLabel('API key', { exact: true }).fill(target.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      for (const name of ['Companies', 'Review queue', 'Audit log', 'Sanctions list', 'Screening check', 'Opportunities']) {
        await nav(page).getByRole('link', { name, exact: true }).waitFor();
      }
      // The key is kept for this tab's session only.
      expect(await page.evaluate(`[sessionStorage.getItem('tumen.apiKey'), Object.keys(localStorage).filter((k) => k.includes('apiKey'))]`)).toEqual([
        target.adminKey,
        [],
      ]);

      await nav(page).getByRole('link', { name: 'Partners' }).click();
      await page.getByLabel('Partner name', { exact: true }).fill('Primorye Chamber of Commerce');
      await page.getByRole('button', { name: 'Register partner' }).click();
      partnerKey = (await page.getByLabel('The new partner’s API key').innerText()).trim();
      expect(partnerKey).toMatch(/^tmn_/);

      // Two compliance officers, each with a key of their own: an exemption needs both.
      await nav(page).getByRole('link', { name: 'Officers' }).click();
      for (const [name, email] of [['Anna Volkova', 'anna@compliance.example'], ['Boris Orlov', 'boris@compliance.example']] as const) {
        await page.getByLabel('Officer name', { exact: true }).fill(name);
        await page.getByLabel('Email', { exact: true }).fill(email);
        await page.getByRole('button', { name: 'Create officer' }).click();
        await page.getByRole('status').filter({ hasText: `${name} can now sign in` }).waitFor();
        officerKeys.push((await page.getByLabel('The new officer’s API key').innerText()).trim());
      }
      expect(officerKeys).toEqual([expect.stringMatching(/^tmo_/), expect.stringMatching(/^tmo_/)]);
    });
  }, 60_000);

  it('a partner creates a company: the bad INN is refused next to its field, then fixed and saved', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(partnerKey, 'partner');
      await expect(nav(page).getByRole('link', { name: 'Review queue' }).count()).resolves.toBe(0);
      await page.getByText('No companies yet.', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'New company' }).click();
      await page.getByLabel('Company name', { exact: true }).fill(companyName);
      await page.getByLabel('INN', { exact: true }).fill(badInn);
      await page.getByLabel('Region', { exact: true }).fill('Primorsky Krai');
      await page.getByLabel('City', { exact: true }).fill('Vladivostok');
      await page.getByRole('checkbox', { name: 'Mining' }).check();
      await page.getByLabel('OKVED2 codes', { exact: true }).fill('28.92, 07.10');
      await page.getByLabel('HS codes', { exact: true }).fill('8429, 842952, 2601');
      await page.getByRole('checkbox', { name: 'Open-pit mining' }).check();
      await page.getByRole('checkbox', { name: 'Ore beneficiation' }).check();
      await page.getByLabel('Employees', { exact: true }).fill('850');
      await page.getByLabel('Annual revenue, RUB', { exact: true }).fill('4200000000');
      await page.getByLabel('Years of export experience', { exact: true }).fill('6');
      await page.getByRole('checkbox', { name: 'Accepts settlement in roubles' }).check();
      await page.getByLabel('Directors', { exact: true }).fill('Ivan Petrov');

      user.expectApiError(400, '/v1/companies');
      await page.getByRole('button', { name: 'Save' }).click();
      const inn = page.getByLabel('INN', { exact: true });
      await page.getByRole('alert').filter({ hasText: 'Some fields need correcting' }).waitFor();
      expect(await inn.getAttribute('aria-invalid')).toBe('true');
      // The API's reason sits beside the INN field (its description), and beside no other field.
      const describedBy = (await inn.getAttribute('aria-describedby'))!.split(' ');
      const reason = await page.locator(`[id="${describedBy.at(-1)}"]`).innerText();
      expect(reason).toMatch(/check digit/);
      expect(await page.locator('.field-error').count()).toBe(1);
      await user.screenshot('company-form-error');

      await inn.fill(validInn);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: `Leads of ${companyName}` }).waitFor();
    });
  }, 60_000);

  it('previews the matches of an unsaved profile, storing nothing', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(partnerKey, 'partner');
      await page.getByRole('link', { name: 'New company' }).click();
      await page.getByLabel('Company name', { exact: true }).fill('OOO Preview Only');
      await page.getByLabel('INN', { exact: true }).fill(innFrom(254999000 + (stem % 1000)));
      await page.getByLabel('Region', { exact: true }).fill('Primorsky Krai');
      await page.getByLabel('City', { exact: true }).fill('Vladivostok');
      await page.getByRole('checkbox', { name: 'Mining' }).check();
      await page.getByLabel('OKVED2 codes', { exact: true }).fill('07.10');
      await page.getByLabel('HS codes', { exact: true }).fill('2601');
      await page.getByLabel('Employees', { exact: true }).fill('100');
      await page.getByLabel('Annual revenue, RUB', { exact: true }).fill('500000000');
      await page.getByLabel('Years of export experience', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Preview matches' }).click();
      const preview = page.getByRole('region', { name: 'Preview of matches' });
      await preview.getByRole('table').waitFor();
      expect(await preview.locator('tbody > tr').count()).toBeGreaterThan(0);
      await nav(page).getByRole('link', { name: 'Companies' }).click();
      await page.getByRole('link', { name: companyName, exact: true }).waitFor();
      await expect(page.getByRole('link', { name: 'OOO Preview Only' }).count()).resolves.toBe(0);
    });
  }, 60_000);

  it('a partner edits a company (a refused number shown beside its field) and deletes one', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(partnerKey, 'partner');
      const name = `OOO Vremennaya ${stem}`;
      await page.getByRole('link', { name: 'New company' }).click();
      await page.getByLabel('Company name', { exact: true }).fill(name);
      await page.getByLabel('INN', { exact: true }).fill(innFrom(254888000 + (stem % 1000)));
      await page.getByLabel('Region', { exact: true }).fill('Primorsky Krai');
      await page.getByLabel('City', { exact: true }).fill('Nakhodka');
      await page.getByRole('checkbox', { name: 'Electricity' }).check();
      await page.getByLabel('OKVED2 codes', { exact: true }).fill('35.12');
      await page.getByLabel('HS codes', { exact: true }).fill('8504');
      await page.getByLabel('Employees', { exact: true }).fill('40');
      await page.getByLabel('Annual revenue, RUB', { exact: true }).fill('90000000');
      await page.getByLabel('Years of export experience', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: `Leads of ${name}` }).waitFor();

      await nav(page).getByRole('link', { name: 'Companies' }).click();
      await page.getByRole('link', { name: `Edit ${name}` }).click();
      const employees = page.getByLabel('Employees', { exact: true });
      await employees.waitFor();
      expect(await employees.inputValue()).toBe('40');
      user.expectApiError(400, '/v1/companies/');
      await employees.fill('forty');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'Some fields need correcting' }).waitFor();
      expect(await employees.getAttribute('aria-invalid')).toBe('true');
      await employees.fill('45');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: `Leads of ${name}` }).waitFor();

      await nav(page).getByRole('link', { name: 'Companies' }).click();
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('group', { name: `Delete ${name} and its matches?` }).getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('link', { name, exact: true }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: companyName, exact: true }).waitFor();
    });
  }, 60_000);

  it("opens the company's leads; a row's bars add up to its score, each with its reason", async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(partnerKey, 'partner');
      await page.getByRole('link', { name: companyName, exact: true }).click();
      const table = page.getByRole('table');
      await table.waitFor({ timeout: 60_000 });
      for (const column of ['Opportunity', 'Sector', 'Score', 'Compliance']) {
        await table.getByRole('columnheader', { name: column }).waitFor();
      }
      const first = leadRows(page).first();
      const score = Number(await first.locator('td').nth(2).innerText());
      const details = await openLead(page, first);
      const bars = details.getByRole('meter');
      expect(await bars.count()).toBe(7);
      const contributions = await bars.evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-valuenow'))));
      expect(contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(score, 1);
      expect(await details.locator('.criterion p').count()).toBe(7);
      await details.getByText('Verdict').first().waitFor();
      await user.screenshot('leads');
    });
  }, 90_000);

  it('"Show prohibited" adds the prohibited matches; asking to be introduced to one answers 451 with its rules, unverified ones marked', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(partnerKey, 'partner');
      await page.getByRole('link', { name: companyName, exact: true }).click();
      await leadRows(page).first().waitFor({ timeout: 60_000 });
      await expect(rowsWithVerdict(page, 'Prohibited').count()).resolves.toBe(0);
      await page.getByRole('switch', { name: 'Show prohibited' }).check();
      await rowsWithVerdict(page, 'Prohibited').first().waitFor();
      const details = await openLead(page, rowsWithVerdict(page, 'Prohibited').first());
      await expect(details.getByRole('list', { name: 'Rules cited' }).getByText(/^UNSC-/).count()).resolves.toBeGreaterThan(0);

      user.expectApiError(451, '/v1/matches/');
      await details.getByRole('button', { name: 'Request introduction' }).click();
      const refusal = details.getByRole('alert').filter({ hasText: 'Refused (451)' });
      await refusal.waitFor();
      const rules = refusal.getByRole('listitem');
      expect(await rules.count()).toBeGreaterThan(0);
      await refusal.getByText(/Resolution: \d{4} \(\d{4}\)/).first().waitFor();
      await refusal.getByText('unverified').first().waitFor();
      await user.screenshot('introduction-refused');
      await page.getByRole('switch', { name: 'Show prohibited' }).uncheck();
      await expect(rowsWithVerdict(page, 'Prohibited').count()).resolves.toBe(0);
    });
  }, 90_000);

  it('a partner asks to be introduced on a lead that needs an exemption: the request is pending', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(partnerKey, 'partner');
      await page.getByRole('link', { name: companyName, exact: true }).click();
      await leadRows(page).first().waitFor({ timeout: 60_000 });
      const details = await openLead(page, rowsWithVerdict(page, 'Exemption required').first());
      await details.getByRole('button', { name: 'Request introduction' }).click();
      await details.getByRole('status').filter({ hasText: 'Pending' }).waitFor();
    });
  }, 60_000);

  it('two officers approve it from the review queue with the exemption reference, and the decision is in the audit log', async () => {
    // The admin sees the queue, and cannot decide: every decision names an officer.
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(target.adminKey, 'admin');
      await nav(page).getByRole('link', { name: 'Review queue' }).click();
      const item = page.getByRole('article').filter({ hasText: companyName });
      await item.getByText('Exemption required').first().waitFor();
      await page.getByText('Decisions are taken by compliance officers').waitFor();
      expect(await item.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    });
    // The first officer's approval is recorded; the introduction waits for a second officer.
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(officerKeys[0]!, 'officer');
      await nav(page).getByRole('link', { name: 'Review queue' }).click();
      const item = page.getByRole('article').filter({ hasText: companyName });
      await item.waitFor();
      await item.getByText('Exemption required').first().waitFor();
      await user.screenshot('review-queue');
      await item.getByRole('button', { name: 'Approve' }).click();
      await item.getByLabel('Exemption reference', { exact: true }).fill('1718-EX-2026-014');
      await item.getByRole('button', { name: 'Approve with this reference' }).click();
      await page.getByRole('status').filter({ hasText: 'Your approval is recorded (1 of 2)' }).waitFor();
      await item.waitFor();
    });
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(officerKeys[1]!, 'officer');
      await nav(page).getByRole('link', { name: 'Review queue' }).click();
      const item = page.getByRole('article').filter({ hasText: companyName });
      await item.waitFor();
      await item.getByRole('button', { name: 'Approve' }).click();
      await item.getByLabel('Exemption reference', { exact: true }).fill('1718-EX-2026-014');
      await item.getByRole('button', { name: 'Approve with this reference' }).click();
      await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
      await item.waitFor({ state: 'detached' });

      await page.getByRole('link', { name: 'See it in the audit log' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      const entries = page.getByRole('list', { name: 'Audit entries' });
      const granted = entries.getByRole('button', { name: /introduction\.granted/ });
      await granted.waitFor();
      await granted.click();
      const json = await entries.getByLabel(/^Entry \d+ as JSON$/).innerText();
      const entry = JSON.parse(json);
      expect(entry).toMatchObject({ kind: 'introduction.granted', details: { exemptionReference: '1718-EX-2026-014' } });
      await user.screenshot('audit-log');

      // By type, a page at a time: the seed catalogue alone makes 42 opportunity decisions.
      await page.getByLabel('Match', { exact: true }).fill('');
      await page.getByLabel('Type', { exact: true }).selectOption('opportunity.decision');
      await page.getByRole('button', { name: 'Filter' }).click();
      await entries.getByRole('button', { name: /introduction\.granted/ }).waitFor({ state: 'detached' });
      const kinds = async () => (await entries.getByRole('button').allInnerTexts()).map((text) => text.split(' ').at(-1));
      await entries.getByRole('button').first().waitFor();
      expect(new Set(await kinds())).toEqual(new Set(['opportunity.decision']));
      expect(await entries.getByRole('button').count()).toBe(25);
      const firstOfPageOne = await entries.getByRole('button').first().innerText();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2', { exact: true }).waitFor();
      await entries.getByRole('button').first().waitFor();
      expect(await entries.getByRole('button').first().innerText()).not.toBe(firstOfPageOne);
      expect(new Set(await kinds())).toEqual(new Set(['opportunity.decision']));
    });
  }, 60_000);

  it('screens a listed name and shows the hit with its explanation', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(target.adminKey, 'admin');
      await nav(page).getByRole('link', { name: 'Screening check' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Korea Mining Development Trading Corporation');
      await page.getByRole('button', { name: 'Check' }).click();
      const hits = page.getByRole('list', { name: 'List hits' });
      await hits.waitFor();
      await hits.getByText('KOREA MINING DEVELOPMENT TRADING CORPORATION').waitFor();
      await hits.getByText('designated').first().waitFor();
      await hits.getByText(/\(exact\)/).first().waitFor();
      await user.screenshot('screening-check');
    });
  }, 60_000);

  it('switches to Russian and back', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(target.adminKey, 'admin');
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'RU' }).click();
      const menu = page.getByRole('navigation', { name: 'Главное меню' });
      for (const name of ['Компании', 'Очередь проверки', 'Журнал аудита', 'Санкционный список', 'Проверка по списку', 'Возможности']) {
        await menu.getByRole('link', { name, exact: true }).waitFor();
      }
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      await menu.getByRole('link', { name: 'Компании' }).click();
      await page.getByRole('heading', { name: 'Компании' }).waitFor();
      // Every control's name is Russian now (the language buttons excepted).
      const names = await page.getByRole('button').or(page.getByRole('link')).allInnerTexts();
      const untranslated = names.map((n) => n.trim()).filter((n) => n && !['EN', 'RU'].includes(n) && !/[а-яё]/i.test(n) && !n.startsWith('OOO'));
      expect(untranslated).toEqual([]);
      await user.screenshot('companies-ru');
      await page.getByRole('group', { name: 'Язык' }).getByRole('button', { name: 'EN' }).click();
      await nav(page).getByRole('link', { name: 'Companies' }).waitFor();
    });
  }, 60_000);

  it('is operable from the keyboard alone: sign in, reach a page from the menu, open a lead', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.goto('/');
      await page.getByLabel('API key', { exact: true }).focus();
      await page.keyboard.type(partnerKey);
      await page.keyboard.press('Enter');
      await nav(page).waitFor();
      const link = page.getByRole('link', { name: companyName, exact: true });
      await link.waitFor();
      await link.focus();
      await page.keyboard.press('Enter');
      const first = leadRows(page).first();
      await first.waitFor({ timeout: 60_000 });
      await first.getByRole('button').first().focus();
      await page.keyboard.press('Enter');
      await expect(first.getByRole('button').first().getAttribute('aria-expanded')).resolves.toBe('true');
      await page.getByRole('meter').first().waitFor();
    });
  }, 90_000);

  it('says clearly when the platform answers 503', async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      await user.signIn(target.adminKey, 'admin');
      // The gateway's own 503 (no responder) is covered end to end; here the browser is handed that answer for one route.
      await page.route('**/v1/screening/list', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ statusCode: 503, error: 'UNAVAILABLE', message: 'No responder for screening.v1.list.get', correlationId: 'ui-test-503' }),
        }),
      );
      user.expectApiError(503, '/v1/screening/list');
      await nav(page).getByRole('link', { name: 'Sanctions list' }).click();
      await page.getByRole('alert').filter({ hasText: 'The platform is unavailable right now (503)' }).waitFor({ timeout: 30_000 });
      await page.unroute('**/v1/screening/list');
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('Version', { exact: true }).waitFor();
    });
  }, 60_000);

  it("the admin publishes an opportunity, its sector's attribute fields from GET /v1/sectors, and edits it", async () => {
    await asUser(browser, target.baseUrl, async (user) => {
      const { page } = user;
      const title = `Ore crushing line for Musan ${stem}`;
      await user.signIn(target.adminKey, 'admin');
      await nav(page).getByRole('link', { name: 'Opportunities' }).click();
      await page.getByRole('link', { name: 'Publish opportunity' }).click();
      // The list's own "Sector" filter stays on screen until the form replaces it.
      await page.getByRole('heading', { name: 'Publish an opportunity', level: 1 }).waitFor();
      await page.getByLabel('Sector', { exact: true }).selectOption('mining');
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Site name', { exact: true }).fill('Musan');
      await page.getByLabel('Latitude', { exact: true }).fill('42.23');
      await page.getByLabel('Longitude', { exact: true }).fill('129.22');
      await page.getByLabel('Counterparty', { exact: true }).fill('Musan ore works operator');
      await page.getByLabel('Direction', { exact: true }).selectOption('supply_to_dprk');
      await page.getByLabel('Structure', { exact: true }).selectOption('contract');
      await page.getByLabel('HS codes', { exact: true }).fill('842952');
      await page.getByLabel('Size, USD', { exact: true }).fill('1000000');
      await page.getByRole('checkbox', { name: 'Ore beneficiation' }).check();
      await page.getByLabel('annualTonnage *', { exact: true }).fill('500000');
      user.expectApiError(400, '/v1/opportunities');
      await page.getByRole('button', { name: 'Publish' }).click();
      const mineral = page.getByLabel('mineral *', { exact: true });
      await page.getByRole('alert').filter({ hasText: 'Some fields need correcting' }).waitFor();
      expect(await mineral.getAttribute('aria-invalid')).toBe('true');
      await mineral.selectOption('iron_ore');
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByRole('heading', { name: 'Opportunities', level: 1 }).waitFor();

      await page.getByLabel('Sector', { exact: true }).selectOption('mining');
      await pageUntil(page, page.getByRole('link', { name: title, exact: true }));
      await page.getByRole('link', { name: title, exact: true }).click();
      await page.getByLabel('Title', { exact: true }).fill(`${title} (revised)`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'Opportunities', level: 1 }).waitFor();
      await page.getByLabel('Sector', { exact: true }).selectOption('mining');
      await pageUntil(page, page.getByRole('link', { name: `${title} (revised)`, exact: true }));
    });
  }, 60_000);

  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows every page at ${viewport.width} px without sideways scrolling`, async () => {
      await asUser(
        browser,
        target.baseUrl,
        async (user) => {
          const { page } = user;
          if (viewport === PHONE) {
            await user.goto('/');
            await page.getByLabel('API key', { exact: true }).waitFor();
            await user.screenshot('sign-in');
          }
          await user.signIn(target.adminKey, 'admin');
          const pages: [string, string, string][] = [
            ['Companies', 'Companies', 'companies'],
            ['Review queue', 'Review queue', 'review-queue'],
            ['Audit log', 'Audit log', 'audit-log'],
            ['Sanctions list', 'Sanctions list', 'sanctions-list'],
            ['Screening check', 'Screening check', 'screening-check'],
            ['Opportunities', 'Opportunities', 'opportunities'],
          ];
          for (const [link, heading, shot] of pages) {
            await nav(page).getByRole('link', { name: link, exact: true }).click();
            await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
            await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
            const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
            expect({ page: link, overflow }).toEqual({ page: link, overflow: 0 });
            if (viewport === PHONE || !['review-queue', 'audit-log', 'screening-check'].includes(shot)) await user.screenshot(shot);
            if (shot === 'sanctions-list' && viewport === DESKTOP) {
              await page.getByRole('button', { name: 'Refresh list' }).click();
              await page.getByRole('status').filter({ hasText: 'Refreshed: unchanged.' }).waitFor({ timeout: 60_000 });
            }
          }
          await page.getByRole('link', { name: 'Publish opportunity' }).click();
          await page.getByRole('heading', { name: 'Publish an opportunity', level: 1 }).waitFor();
          await page.getByLabel('Sector', { exact: true }).selectOption('mining');
          await page.getByLabel('mineral *', { exact: true }).waitFor();
          await user.screenshot('opportunity-form');
          await nav(page).getByRole('link', { name: 'Companies' }).click();
          await page.getByRole('link', { name: companyName, exact: true }).click();
          await leadRows(page).first().waitFor({ timeout: 60_000 });
          await openLead(page, leadRows(page).first());
          const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
          expect({ page: 'leads', overflow }).toEqual({ page: 'leads', overflow: 0 });
          if (viewport === PHONE) await user.screenshot('leads');
        },
        viewport,
      );
    }, 120_000);
  }
});


import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); nothing downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export function launchChromium(): Promise<Browser> {
  // Root (as CI runs) needs --no-sandbox; the shared-memory flag keeps small containers from crashing the renderer.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Chromium's own console line for an HTTP error answer to a fetch. */
const NETWORK_ERROR = /^Failed to load resource: the server responded with a status of (\d{3})/;

/**
 * One person at the console: a fresh browser context (so its own session storage) at one width.
 * Every console error and uncaught page error is a problem that fails the test at `close()`; the
 * one exception is Chromium's own notice of an API answer the test said it expects (a 400 it
 * provokes, the 451 of a prohibited introduction), named by status and path.
 */
export class ConsoleUser {
  readonly problems: string[] = [];
  private readonly expected: { status: number; path: string }[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, viewport = DESKTOP): Promise<ConsoleUser> {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const user = new ConsoleUser(context, page, baseUrl);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const network = NETWORK_ERROR.exec(message.text());
      const url = message.location().url;
      if (network && user.isExpected(Number(network[1]), url)) return;
      user.problems.push(`console error: ${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => user.problems.push(`page error: ${error.message}`));
    return user;
  }

  /** An API answer with this status on a path starting with this is part of the scenario. */
  expectApiError(status: number, path: string): void {
    this.expected.push({ status, path });
  }

  private isExpected(status: number, url: string): boolean {
    if (!url.startsWith(this.baseUrl)) return false;
    const path = new URL(url).pathname;
    return this.expected.some((e) => e.status === status && path.startsWith(e.path));
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  /** Signs in through the sign-in page, as `role`: the console learns it from `GET /v1/me`, and names it in the header. */
  async signIn(apiKey: string, role: 'admin' | 'officer' | 'partner'): Promise<void> {
    await this.goto('/');
    await this.page.getByLabel('API key', { exact: true }).fill(apiKey);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('navigation', { name: 'Main' }).waitFor();
    const label = { admin: 'Compliance (admin key)', officer: 'Compliance officer', partner: 'Partner' }[role];
    await this.page.getByText(label, { exact: true }).waitFor();
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const width = this.page.viewportSize()?.width ?? 0;
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }

  /** Fails the test if the page logged any error it did not expect. */
  async close(): Promise<void> {
    await this.context.close();
    if (this.problems.length > 0) throw new Error(`the browser reported errors:\n${this.problems.join('\n')}`);
  }
}

/** Runs a scenario as one user and fails it on any browser error, even when the scenario itself passed. */
export async function asUser(browser: Browser, baseUrl: string, scenario: (user: ConsoleUser) => Promise<void>, viewport = DESKTOP): Promise<void> {
  const user = await ConsoleUser.open(browser, baseUrl, viewport);
  let failure: unknown;
  try {
    await scenario(user);
  } catch (error) {
    failure = error;
    // What the page showed when the scenario failed, for whoever reads the failure.
    const shot = join(tmpdir(), `tumen-ui-failure-${Date.now()}.png`);
    await user.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    if (error instanceof Error) error.message += `\n(page at failure: ${shot}; url ${user.page.url()})`;
  }
  if (failure) {
    if (user.problems.length > 0 && failure instanceof Error) failure.message += `\nbrowser errors:\n${user.problems.join('\n')}`;
    await user.context.close().catch(() => undefined);
    throw failure;
  }
  await user.close();
}

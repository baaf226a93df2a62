// Signing in as a demo user, through the login page (as a person does) or straight through the API
// (faster, for tests about other pages). The admin must use TOTP: the first sign-in enrols it.
import type { Page } from 'playwright-core';
import { base32Decode, totpAt, totpStep } from '../../../src/security/identity/totp.js';

export type DemoRole = 'admin' | 'doctor' | 'nurse' | 'pharmacist' | 'technician' | 'manager' | 'patient' | 'dispatcher';

export const demoPassword = (role: string) => `Huiyi-${role}-2026!`;

/** TOTP secrets enrolled during this test process (username → secret), and the last step used for each. */
const secrets = new Map<string, string>();
const lastStep = new Map<string, number>();

/**
 * A code the server will accept once: the current step, or the next one (allowed for clock drift) when the
 * current was used already; waits for a new period when both were.
 */
export async function totpCode(secret: string, username = ''): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = totpStep(now);
    const last = lastStep.get(username) ?? -1;
    for (const s of [step, step + 1]) {
      if (s > last) {
        lastStep.set(username, s);
        return totpAt(base32Decode(secret), s * 30_000);
      }
    }
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - now + 50));
  }
}

export function enrolledSecret(username: string): string | undefined {
  return secrets.get(username);
}

/** Fill the login form and submit; does not wait for the outcome. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  if (!/\/login/.test(page.url())) await page.goto('/login');
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('form[id="login"] button[type="submit"]').click();
}

/**
 * Sign in through the UI as a demo user and wait for the signed-in shell. For the admin this completes the
 * TOTP enrolment on the first sign-in (reading the key from the page) and enters the code afterwards.
 */
export async function loginAs(page: Page, role: DemoRole, o: { username?: string; password?: string } = {}): Promise<void> {
  const username = o.username ?? role;
  await page.goto('/login');
  await submitLogin(page, username, o.password ?? demoPassword(role));
  if (role === 'admin') {
    const enrol = page.getByTestId('totp-enrolment');
    const totp = page.locator('#login_totp');
    await enrol.or(totp).or(page.getByTestId('sider')).first().waitFor();
    if (await enrol.isVisible()) {
      const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
      secrets.set(username, secret);
      await page.locator('#totp-enrol_code').fill(await totpCode(secret, username));
      await enrol.locator('button[type="submit"]').click();
    } else if (await totp.isVisible()) {
      const secret = secrets.get(username);
      if (!secret) throw new Error(`${username} has TOTP enrolled outside this test; no secret known`);
      await totp.fill(await totpCode(secret, username));
      await page.locator('form[id="login"] button[type="submit"]').click();
    }
  }
  await page.getByTestId('sider').waitFor();
}

/**
 * Sign in through the API (POST /auth/login) in the page's browser context: its cookie jar gets the session,
 * so the next page.goto() is signed in. Not for the admin before enrolment (use loginAs).
 */
export async function apiLogin(page: Page, role: DemoRole, o: { username?: string; password?: string } = {}): Promise<void> {
  const username = o.username ?? role;
  const data: Record<string, string> = { username, password: o.password ?? demoPassword(role) };
  const secret = secrets.get(username);
  if (secret) data.totp = await totpCode(secret, username);
  const r = await page.context().request.post('/auth/login', { data });
  if (!r.ok()) throw new Error(`login as ${username} failed: ${r.status()} ${await r.text()}`);
  const body = (await r.json()) as { totpEnrollmentRequired?: boolean };
  if (body.totpEnrollmentRequired) throw new Error(`${username} must enrol TOTP first: use loginAs()`);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await page.locator('#login_username').waitFor();
}

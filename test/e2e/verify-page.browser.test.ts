import { chromium, type Browser } from 'playwright-core';
import { startHarness, type Harness } from '../support/corridor-harness';
import { Lifecycle } from '../support/lifecycle';

// Debian's Chromium, installed by .ci/run; never a downloaded browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let h: Harness;
let life: Lifecycle;
let browser: Browser;
let baseUrl: string;
beforeAll(async () => {
  h = await startHarness('browser');
  life = new Lifecycle(h);
  await h.app.listen(0, '127.0.0.1');
  baseUrl = (await h.app.getUrl()).replace('[::1]', '127.0.0.1');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the public verification page in a browser', () => {
  it('shows an employer that a certificate is valid, and revoked once it is revoked', async () => {
    const { applicationId } = await life.register('KZ-600001');
    await life.approve(applicationId);
    await life.exemptFully(applicationId);
    await life.result(applicationId, await life.book(applicationId), 88, 92);
    const number = (await life.grant(applicationId)).body.certificateNumber as string;

    const page = await browser.newPage();
    await page.goto(`${baseUrl}/verify/${number}`);
    const verdict = page.locator('.verdict');
    expect(await verdict.getAttribute('data-status')).toBe('valid');
    expect(await page.locator('h1').innerText()).toMatch(/valid/i);
    expect(await verdict.innerText()).toContain(number);
    expect(await page.locator('body').innerText()).toContain('Valid until');

    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await life
        .post(`/certificates/${number}/revocation`, h.tokens.officerB, { reason: 'fraudulent documents' })
        .catch((e: Error) => e);
      if (!(res instanceof Error)) break;
      if (!/→ 404/.test(res.message) || Date.now() > deadline) throw res;
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.reload();
    expect(await page.locator('.verdict').getAttribute('data-status')).toBe('revoked');
    await page.close();
  }, 60_000);
});

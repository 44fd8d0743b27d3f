// The release desk page in real headless Chromium, served by `boeki serve` (started here on a free loopback
// port) over a store of the Ministry's releases: the release of November 2025 as it stood on release day, a
// number's fact and its release, the page in Japanese, the 2024-11 seed article checked, the series across
// vintages, keyboard use, and a phone's width. Screenshots of each view go to test/screenshots/ (git-ignored).

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, REPO, SHARED_DATA, tempDir } from "./helpers.js";
import { storeOfRealReleases } from "./real-store.js";
import { setConsensus } from "../src/store/consensus.js";

const CHROMIUM = process.env.BOEKI_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[boeki tests] no Chromium at ${CHROMIUM}: the browser test of the web page is skipped (install Debian's chromium, or set BOEKI_CHROMIUM; CI installs it).`);
}
const SHOTS = path.join(REPO, "test", "screenshots");
const SEED_ARTICLE = path.join(SHARED_DATA, "..", "articles", "2024-12-japan-trade-balance-november-2024.txt");

/** Builds the page when its sources are newer than the build (npm ci builds it; an edit since may not be). */
function ensureWebBuilt(): void {
  const built = path.join(REPO, "dist", "web", "index.html");
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(REPO, "web"))) return;
  const result = spawnSync(process.execPath, [path.join(REPO, "node_modules", "vite", "bin", "vite.js"), "build", "--config", "web/vite.config.ts"], { cwd: REPO, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the web page does not build:\n${result.stderr}`);
}

/** Waits until the locator's text matches (the page loads its data after it shows). */
async function textOf(locator: Locator, pattern: RegExp): Promise<string> {
  await locator.first().waitFor();
  for (let i = 0; i < 200; i++) {
    const text = (await locator.first().textContent()) ?? "";
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`text ${pattern} never appeared; last: ${await locator.first().textContent()}`);
}

describe.skipIf(!hasSharedData || !hasChromium)("the release desk page in Chromium", () => {
  let server: ChildProcess;
  let url: string;
  let browser: BrowserContext;
  let page: Page;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const shot = (name: string, p: Page = page) => p.screenshot({ path: path.join(SHOTS, name), fullPage: true });

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const store = await storeOfRealReleases();
    await setConsensus(store, { period: "2025-11", metric: "exports_yoy", value: 4.8, source: "Reuters poll", published: "2025-12-16" });
    const db = store.path;
    store.close();
    server = spawn(process.execPath, [path.join(REPO, "bin", "boeki.js"), "--db", db, "serve", "--port", "0"], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (d) => {
        out += d;
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (found) resolve(found[0]);
      });
      server.once("exit", (code) => reject(new Error(`boeki serve exited ${code}: ${out}`)));
    });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launchPersistentContext(tempDir("boeki-chromium-"), {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    browser.on("request", (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith("data:")) foreignRequests.push(r.url());
    });
    page = await browser.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // A blocked load (the page's own Content-Security-Policy) or a failed request shows as a console error.
    page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
  });

  it("picks November 2025 as of release day and shows exports +6.1%", async () => {
    await page.goto(url);
    const month = page.getByLabel("Month");
    await month.locator("option[value='2025-11']").waitFor({ state: "attached" });
    await month.selectOption("2025-11");
    await page.getByLabel("As of").fill("2025-12-17");
    expect(await textOf(page.locator(".tile").first(), /\+6\.1%/)).toMatch(/Exports\s*\+6\.1%\s*y\/y\s*¥9\.71 trillion/);
    await textOf(page.locator(".tile").nth(3), /beat/);
    await textOf(page.locator(".brief h2"), /Japan's exports rise 6\.1% in November/);
    await page.locator(".chart-grid img").first().waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>(".chart-grid img")].every((img) => img.complete && img.naturalWidth > 0));
    expect(await page.locator(".chart-grid img").first().getAttribute("alt")).toMatch(/Exports and imports, % change on a year earlier.*Exports 6\.1% in 2025-11/);
    // "By the numbers" after the story: the surplus with the U.S. a fact like every number of the text.
    const partners = page.locator(".key-figures table").first();
    await textOf(partners, /United States/);
    expect(await partners.locator("tr", { hasText: "United States" }).locator("button.fact", { hasText: /^739\.8$/ }).count()).toBe(1);
    await shot("1-release.png");
  });

  it("clicking +8.8% shows its fact with its release, and the keyboard opens and closes it", async () => {
    const usa = page.locator("button.fact", { hasText: /^8\.8%$/ });
    await usa.click();
    const panel = page.getByRole("dialog");
    expect(await textOf(panel, /released 2025-12-17/)).toMatch(/Exports · United States — change on a year earlier\s*×?\s*\+8\.8%/);
    expect(await panel.textContent()).toMatch(/mof\.press, provisional, released 2025-12-17/);
    await textOf(panel.locator("table.history"), /\+8\.8%/);
    await shot("2-fact.png");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("8.8%");
    await page.keyboard.press("Enter");
    await textOf(page.getByRole("dialog"), /\+8\.8%/);
    await page.keyboard.press("Escape");
  });

  it("switches to 日本語: the labels and the brief in Japanese", async () => {
    await page.getByRole("button", { name: "日本語" }).click();
    await textOf(page.locator(".brief h2"), /11月の貿易収支、3223億円の黒字/);
    expect(await page.locator(".tile h3").first().textContent()).toBe("輸出");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ja");
    await shot("3-release-ja.png");
  });

  it("checks the 2024-11 seed article: '120%' marked contradicted, with 32.1", async () => {
    await page.getByRole("link", { name: "記事の検証" }).click();
    await page.locator("#article").fill(readFileSync(SEED_ARTICLE, "utf8"));
    await page.getByLabel("掲載日").fill("2024-12-18");
    await page.getByRole("button", { name: "検証する" }).click();
    const mark = page.locator("mark", { hasText: /^120%/ });
    await mark.waitFor();
    expect(await mark.getAttribute("data-verdict")).toBe("contradicted");
    await mark.click();
    expect(await textOf(page.locator(".claim-detail"), /32\.1/)).toMatch(/誤り[\s\S]*\+32\.1%/);
    await textOf(page.locator(".counts"), /誤り/);
    await shot("4-check-ja.png");
  });

  it("redraws a series as it stood on a release day, beside the series now, revisions listed", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await page.goto(`${url}#/series?flow=import&change=yoy&from=2024-12&to=2025-11&as_of=2025-12-17`);
    await page.locator(".line-chart svg").waitFor();
    const revised = await textOf(page.locator("table.revisions"), /2025-11/);
    expect(revised).toMatch(/2025-11\s*\+1\.3%\s*\+1\.4%/);
    await shot("5-series.png");
    const slider = page.getByLabel(/The series as it stood on/);
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await textOf(page.locator(".slider label"), /2026-01-23|2026-01-29/);
    expect(page.url()).toMatch(/as_of=2026-01-2\d/);
  });

  it("reads on a phone (375 px): no sideways scrolling, the fact panel at the bottom", async () => {
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 375, height: 800 });
    await phone.goto(`${url}#/release?month=2025-11&as_of=2025-12-17`);
    await textOf(phone.locator(".tile").first(), /\+6\.1%/);
    await textOf(phone.locator(".brief h2"), /6\.1%/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot("6-phone.png", phone);
    await phone.locator("button.fact", { hasText: /^8\.8%$/ }).click();
    await textOf(phone.getByRole("dialog"), /released 2025-12-17/);
    await phone.screenshot({ path: path.join(SHOTS, "7-phone-fact.png") });
    await phone.goto(`${url}#/check`);
    await phone.locator("#article").waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.close();
  });

  it("loaded nothing from anywhere but the server, with no script or console errors", () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

// fobrig's web page in a real browser: Debian's headless Chromium, driven by puppeteer-core,
// against fobrigd on the simulated car in real time. Usage:
//   node web_page.test.mjs BUILD_DIR [ARTIFACT_DIR]
// Exits 0 when every check held; screenshots go to ARTIFACT_DIR (BUILD_DIR/browser-artifacts).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const build = path.resolve(process.argv[2] || path.join(root, "build"));
const artifacts = path.resolve(process.argv[3] || path.join(build, "browser-artifacts"));
const fobrigd = path.join(build, "rig/daemon/fobrigd");
const fobrig = path.join(build, "rig/cli/fobrig");
const chromium = process.env.FOBRIG_CHROMIUM || "/usr/bin/chromium";

let failures = 0;
function check(condition, what) {
  console.log((condition ? "ok    " : "FAIL  ") + what);
  if (!condition) failures++;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, test, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for " + what);
    await sleep(100);
  }
}

// A fobrigd of its own (state folder, socket, free port), on the simulated car in real time.
// The simulated operator turns the key but waits a minute before confirming anything: the
// confirmations are the browser's to make.
// The rig is sim-2 without its ignition input, so that the operator steps wait for an
// acknowledgement: the browser's. `ownHands`: the whole sim-2 rig instead, whose ignition input
// ends each operator step as the simulated operator works the key, nobody acknowledging.
async function startDaemon(scratch, name, http, ownHands = false) {
  const folder = path.join(scratch, name);
  mkdirSync(folder);
  const rigFile = path.join(folder, "sim-2-no-ignition.toml");
  const sim2 = readFileSync(path.join(root, "config/rigs/sim-2.toml"), "utf8");
  writeFileSync(rigFile, ownHands ? sim2 : sim2
    .split("[[sense]]").filter((part) => !/role = "ignition"/.test(part)).join("[[sense]]"));
  const socket = path.join(folder, "fobrig.sock");
  writeFileSync(path.join(folder, "fobrig.toml"), ""); // every setting from the command line
  const child = spawn(fobrigd, [
    "--socket", socket, "--state-dir", path.join(folder, "state"),
    "--config", path.join(folder, "fobrig.toml"), "--rig", rigFile,
    "--http", http, "--log-level", "warn",
    ...(ownHands ? [] : ["--sim-fault", "ack-delay=60"]),
  ], { stdio: ["ignore", "inherit", "inherit"] });
  const url = await until("fobrigd " + name, () => {
    try {
      return execFileSync(fobrig, ["--socket", socket, "web-url"], { stdio: "pipe" })
        .toString().trim().split(/\s+/)[0];
    } catch {
      return null;
    }
  }, 20000);
  return { child, socket, url, token: url.split("#token=")[1],
           base: url.split("#")[0].replace(/\/\/[^:/]+:/, "//127.0.0.1:") };
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), "fobrig-browser-"));
  const daemons = [];
  let browser;
  try {
    const rig = await startDaemon(scratch, "loopback", "127.0.0.1:0");
    daemons.push(rig);
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + path.join(scratch, "chromium-profile")],
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const downloads = path.join(scratch, "downloads");
    mkdirSync(downloads);
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });

    // The Rig page, opened the way `fobrig web-url` gives it.
    await page.goto(rig.url, { waitUntil: "networkidle0" });
    await page.waitForSelector("#rig-status p");
    check((await page.$eval("h1", (h) => h.textContent)) === "Rig", "the Rig page opens");
    check((await page.$eval("#rig-status", (s) => s.textContent)).includes("sim-2"),
          "it names the rig, simulated: " + await page.$eval("#rig-status", (s) => s.textContent));
    check(!page.url().includes("token"), "the token is taken off the address bar");
    await page.screenshot({ path: path.join(artifacts, "1-rig.png"), fullPage: true });

    // Labelled controls: every input has a label, every button a name.
    const unlabelled = await page.$$eval("input, select, button", (nodes) =>
      nodes.filter((n) => !(n.labels && n.labels.length) && !n.getAttribute("aria-label") &&
                          !n.textContent.trim()).length);
    check(unlabelled === 0, "every control of the Rig page is labelled");

    // Start a two-fob program from the page, by keyboard.
    await page.focus("#slots");
    await page.keyboard.type("1,2");
    await page.keyboard.press("Tab");
    await page.keyboard.type("1=owner-A,2=owner-B");
    await page.keyboard.press("Enter");
    await until("the ignition prompt", () => page.evaluate(() => {
      const shown = document.getElementById("prompt");
      return shown && shown.textContent.startsWith("Turn the ignition");
    }), 20000);
    check(page.url().endsWith("#/run"), "starting goes to the Run page");
    const prompt = await page.$eval("#prompt", (p) => p.textContent);
    check(prompt.includes("within 5 s"), "the operator prompt in large type: " + prompt);
    const first = await page.$eval("#countdown", (c) => c.textContent);
    await sleep(700);
    const second = await page.$eval("#countdown", (c) => c.textContent);
    check(first !== second && /s left$/.test(second),
          "the countdown runs: " + first + " then " + second);
    const limit = await page.$eval("#car-limit", (l) => l.textContent);
    check(limit === "The car: key out within 5 s of turning it on.", "the car's limit: " + limit);
    // This rig has no ignition input, so nothing sees the car's clock start: the countdown stays
    // the step's own, with the car's limit in words beside it.
    const progress = await page.$eval("#progress", (p) => p.textContent);
    check(/step 1 of 5 · attempt 1 of 3/.test(progress), "progress: " + progress);
    await page.screenshot({ path: path.join(artifacts, "2-prompt.png"), fullPage: true });
    // The simulated operator turns the key on after 1 s and off after 3 s; then it is done.
    await sleep(3000);

    // Tab to Acknowledge, press Enter.
    let focused = "";
    for (let tabs = 0; tabs < 30 && focused !== "acknowledge"; tabs++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    }
    check(focused === "acknowledge", "Tab reaches Acknowledge");
    check((await page.$eval("#acknowledge", (b) => b.getAttribute("aria-label"))).length > 0,
          "Acknowledge has an accessible name");
    await page.keyboard.press("Enter");
    await until("the prompt to go", () => page.evaluate(() => {
      const shown = document.getElementById("prompt");
      return !shown || !shown.textContent.startsWith("Turn the ignition");
    }));

    // Edges arrive on the diagram as they come.
    const lanesSoon = await until("edges", () => page.$$eval("#live-diagram .live-lane",
      (lanes) => lanes.length), 30000);
    check(lanesSoon > 0, "edges arrive on the live diagram (" + lanesSoon + " lanes so far)");
    await page.screenshot({ path: path.join(artifacts, "3-edges.png"), fullPage: true });
    // Acknowledge every later prompt (the key in and out again) once the key is out.
    let promptSeen = null;
    const verdict = await until("the verdict", async () => {
      const shown = await page.evaluate(() => {
        const node = document.getElementById("prompt");
        return node ? node.textContent : null;
      });
      if (shown && shown !== promptSeen) {
        promptSeen = shown;
        await sleep(3200);
        await page.click("#acknowledge").catch(() => {});
      }
      return page.$("#verdict");
    }, 120000);
    const verdictText = await verdict.evaluate((v) => v.textContent);
    check(verdictText.startsWith("PASSED"), "the verdict is shown: " + verdictText);
    await page.screenshot({ path: path.join(artifacts, "4-verdict.png"), fullPage: true });

    // How late edges reached the page: the run's t0 and each edge's instant are on
    // CLOCK_MONOTONIC, which Node's hrtime reads; the page noted Date.now() at arrival.
    const monoToWall = Date.now() - Number(process.hrtime.bigint() / 1000000n);
    const delays = await page.evaluate((offset) => {
      const t0 = window.fobrig.live.t0_mono_ns / 1e6;
      return window.fobrig.edgeArrivals.map(([edge, at]) => at - offset - (t0 + edge.actual_ms));
    }, monoToWall);
    delays.sort((a, b) => a - b);
    const p50 = delays[Math.floor(delays.length / 2)];
    const max = delays[delays.length - 1];
    console.log(`edge to browser delay over ${delays.length} edges: p50 ${p50.toFixed(1)} ms, ` +
                `max ${max.toFixed(1)} ms`);
    check(delays.length > 20, "the page saw every edge live");

    // The run's detail: one lane per line used, the learn window shaded, the answer marked.
    const runLink = await page.$eval("#run-live a", (a) => a.getAttribute("href"));
    await page.goto(rig.base + runLink, { waitUntil: "networkidle0" });
    await page.waitForSelector("#diagram svg");
    const lanes = await page.$$eval("#diagram svg .lane", (nodes) =>
      nodes.map((n) => n.getAttribute("data-line")));
    check(JSON.stringify(lanes) === JSON.stringify(["slot1.lock", "slot1.unlock", "slot2.lock",
      "slot2.unlock", "sense.lock", "sense.unlock"]),
          "one lane per used line: " + lanes.join(", "));
    const learn = await page.$$eval("#diagram svg .car-window[data-kind=presses]", (nodes) =>
      nodes.map((n) => n.getAttribute("data-label")));
    check(learn.length === 2 && learn[0] === "3 presses within 10 s of hold",
          "the learn window is shaded: " + learn.join("; "));
    const answers = await page.$$eval("#diagram svg .car-window[data-kind=confirmation] .answer",
                                      (nodes) => nodes.length);
    check(answers === 6, "the car's answer is marked in each confirmation window (" + answers + ")");
    const fobs = await page.$$eval("table.fobs tbody tr", (rows) => rows.length);
    check(fobs === 2, "the per-fob table has both fobs");
    await page.screenshot({ path: path.join(artifacts, "5-run-detail.png"), fullPage: true });

    // Download the SVG.
    await page.click("#downloads a[download$='.svg']");
    const file = await until("the SVG download", () => {
      const name = path.join(downloads, runLink.split("/").pop() + ".svg");
      return existsSync(name) && readFileSync(name, "utf8").includes("</svg>") ? name : null;
    }, 15000);
    check(readFileSync(file, "utf8").startsWith("<svg"), "the SVG downloads");

    // Zoom and the other pages.
    await page.click("button[aria-label='Zoom in']");
    await page.goto(rig.base + "#/runs", { waitUntil: "networkidle0" });
    await page.waitForSelector("#runs tbody tr");
    await page.select("#filter-verdict", "failed");
    check((await page.$$("#runs tbody tr")).length === 0, "the runs list filters by verdict");
    await page.select("#filter-verdict", "passed");
    await page.type("#filter-fob", "owner-B");
    check((await page.$$("#runs tbody tr")).length === 1, "the runs list filters by fob");
    await page.screenshot({ path: path.join(artifacts, "6-runs.png"), fullPage: true });

    // Listening beyond loopback: a change without the token is refused, with it it is not.
    const wide = await startDaemon(scratch, "wide", "0.0.0.0:0");
    daemons.push(wide);
    const open = await browser.newPage();
    await open.goto(wide.base, { waitUntil: "networkidle0" });
    const refused = await open.evaluate(async () => {
      const response = await fetch("/api/abort", { method: "POST", body: "{}" });
      return [response.status, (await response.json()).error];
    });
    check(refused[0] === 403 && refused[1] === "token",
          "a change without the token is refused off loopback: " + refused.join(" "));
    const allowed = await open.evaluate(async (token) => {
      const response = await fetch("/api/abort", { method: "POST", body: "{}",
                                                   headers: { "X-Fobrig-Token": token } });
      return response.status;
    }, wide.token);
    check(allowed === 200, "with the token it is taken");
    await open.screenshot({ path: path.join(artifacts, "7-wide.png"), fullPage: true });

    // A batch started from the Rig page, followed on the Campaign page: the owner's key 1 kept,
    // spare 2 tested, in real time with the simulated operator's own hands on the key.
    const shop = await startDaemon(scratch, "campaign", "127.0.0.1:0", true);
    daemons.push(shop);
    const bench = await browser.newPage();
    await bench.setViewport({ width: 1400, height: 1000 });
    await bench.goto(shop.url, { waitUntil: "networkidle0" });
    await bench.waitForSelector("#batch-form");
    await bench.type("#batch-form input[name=keep]", "1");
    await bench.type("#batch-form input[name=spares]", "2");
    await bench.type("#batch-form input[name=labels]", "1=owner-K,2=spare-S");
    await bench.click("#batch-form button[type=submit]");
    await until("the Campaign page", () => bench.url().endsWith("#/campaign"), 10000);
    const going = await until("a round under way", () => bench.evaluate(() => {
      const shown = document.getElementById("campaign-progress");
      return shown && / · round \d+ of \d+/.test(shown.textContent) ? shown.textContent : null;
    }), 120000);
    check(/^Campaign batch-\S+ is going · round 1 of 2/.test(going),
          "the Campaign page says the round under way: " + going);
    const firstResult = await until("a fob's result", () => bench.evaluate(() => {
      const rows = [...document.querySelectorAll("#campaign-fobs tbody tr")]
        .map((row) => [...row.cells].map((cell) => cell.textContent));
      return rows.some((row) => row[3] !== "not tested") ? rows : null;
    }), 180000);
    check(firstResult.length === 2 && firstResult.some((row) => row[0] === "spare-S"),
          "each fob's result as it comes: " + JSON.stringify(firstResult));
    const later = await until("the time left", () => bench.evaluate(() => {
      const shown = document.getElementById("campaign-progress");
      return shown && / left/.test(shown.textContent) ? shown.textContent : null;
    }), 180000).catch(() => "");
    check(/round 2 of 2 · about .* left/.test(later), "the time left once a round ended: " + later);
    await bench.screenshot({ path: path.join(artifacts, "8-campaign-going.png"), fullPage: true });
    const report = await until("the campaign's report", () => bench.evaluate(() => {
      const table = document.getElementById("campaign-table");
      return table ? table.textContent : null;
    }), 240000);
    check(/spare-S\s.*works/.test(report) && /owner-K/.test(report),
          "the report names each fob's result:\n" + report);
    await bench.screenshot({ path: path.join(artifacts, "9-campaign-report.png"), fullPage: true });
  } catch (error) {
    failures++;
    console.error(error);
    for (const open of browser ? await browser.pages() : []) {
      await open.screenshot({ path: path.join(artifacts, "failure.png"), fullPage: true })
        .catch(() => {});
    }
  } finally {
    if (browser) await browser.close();
    for (const daemon of daemons) daemon.child.kill("SIGTERM");
    await sleep(500);
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} checks failed` : "every check held");
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

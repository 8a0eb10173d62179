// pa11y (HTML_CodeSniffer, WCAG 2 AA) over a list of pages, in one Chromium: the machine's own
// (chromeLaunchConfig.executablePath), never one that puppeteer downloads. Run by
// tests/test_pa11y.py:
//
//   node tests/pa11y_pages.js '{"executablePath": "/usr/bin/chromium", "args": [...], "urls": [...]}'
//
// Prints one JSON object: {url: [issue, ...]} with every error HTML_CodeSniffer reports
// (warnings and notices are left out: the test allows zero errors).
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const { executablePath, args, urls } = JSON.parse(process.argv[2]);
  // The launch configuration pa11y would use itself; launched once here and shared by every
  // page, as pa11y-ci does, instead of a new browser for each page.
  const chromeLaunchConfig = { executablePath, args, headless: true };
  const browser = await puppeteer.launch(chromeLaunchConfig);
  const report = {};
  try {
    for (const url of urls) {
      const results = await pa11y(url, {
        browser,
        chromeLaunchConfig,
        standard: "WCAG2AA",
        runners: ["htmlcs"],
        includeNotices: false,
        includeWarnings: false,
        timeout: 60000,
      });
      report[url] = results.issues
        .filter((issue) => issue.type === "error")
        .map(({ code, message, selector, context }) => ({ code, message, selector, context }));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stderr.write(`pa11y: ${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
});

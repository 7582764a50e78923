// npm run lighthouse: Lighthouse's four category scores for the reviews tab and the widget frame, on the demo
// shop served from 127.0.0.1 in production mode, with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
// Not part of npm test: each run takes tens of seconds.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startDemoServer } from './demo-server.js';

const PAGES = [
  { name: 'reviews tab', path: '/products/trail-tent-2p/reviews' },
  { name: 'widget frame', path: '/widget/frame?merchant=m_acme&product=TT-2P' },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const server = await startDemoServer({ production: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let failed = false;
try {
  for (const page of PAGES) {
    const result = await lighthouse(`${server.url}${page.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      // Mobile emulation with Lighthouse's default simulated throttling: the figures a phone user would get.
      formFactor: 'mobile',
    });
    const lhr = result!.lhr;
    const scores = CATEGORIES.map((c) => `${c} ${Math.round((lhr.categories[c]?.score ?? 0) * 100)}`);
    console.log(`${page.name.padEnd(13)} ${scores.join(' · ')}`);
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
          console.log(`  ${c}: ${audit.id} (${Math.round(audit.score * 100)}) ${audit.title}`);
      }
    }
    if (lhr.runtimeError) {
      console.error(`  ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      failed = true;
    }
  }
} finally {
  await chrome.kill();
  await server.stop();
}
process.exit(failed ? 1 : 0);

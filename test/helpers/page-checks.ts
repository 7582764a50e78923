/// <reference lib="dom" />
import axeCore from 'axe-core';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';

/**
 * Outside checkers, run on pages exactly as a browser gets them: axe-core (WCAG 2.1 AA, plus the 24 px
 * target-size rule), html-validate's recommended preset, and the phone-width overflow check.
 */

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe's violations on the page as one line each (rule, help, first offending selectors); [] when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's CSP, which forbids injected <script> tags (rightly).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeCore.source);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { 'target-size': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations;
  })) as AxeViolation[];
  return violations.map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`,
  );
}

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  // A group of checkboxes sharing one name is how HTML sends a list (the console's cluster members).
  rules: { 'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }] },
});

/** html-validate (recommended preset) on a served HTML document; [] when clean. */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} (line ${m.line}): ${m.message}`));
}

/** How far the page is wider than the viewport (0 when it fits) and which elements stick out. */
export async function horizontalOverflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const excess = Math.max(0, document.documentElement.scrollWidth - width);
    const culprits: string[] = [];
    if (excess > 0) {
      // Elements inside a box that scrolls or clips on its own do not widen the page: skip them.
      // (No named helper functions in here: tsx would wrap them in a __name() call the page does not have.)
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        if (box.right <= width + 1 || culprits.length >= 5) continue;
        let clipped = false;
        for (let up = el.parentElement; up && up !== document.body && !clipped; up = up.parentElement) clipped = getComputedStyle(up).overflowX !== 'visible';
        if (!clipped) culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(box.right)}`);
      }
    }
    return { excess, culprits };
  });
}

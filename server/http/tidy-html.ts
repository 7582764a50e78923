/**
 * Handlebars leaves the indentation of its block tags behind as trailing spaces; validators flag them and they
 * waste bytes. Removed from every rendered page, except inside <textarea> and <pre>, where whitespace is the
 * person's own text.
 */
const VERBATIM = /(<textarea\b[\s\S]*?<\/textarea>|<pre\b[\s\S]*?<\/pre>)/i;

export function tidyRenderedHtml(html: string): string {
  return html
    .split(VERBATIM)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n')))
    .join('');
}

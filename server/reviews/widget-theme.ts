// PURE. The widget frame's colours from a merchant's accent: the accent itself and the text colour drawn on it.

/** Black or white text on the accent colour, whichever reads better (WCAG relative luminance). */
export function inkFor(hex: string): '#111111' | '#ffffff' {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d) : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  const [r, g, b] = digits.map((d) => {
    const c = parseInt(d, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // 0.179 is where black and white text have equal contrast against the background (about 4.6:1 each).
  return luminance > 0.179 ? '#111111' : '#ffffff';
}

/** The stylesheet the frame links for an accent already checked to be #rgb or #rrggbb. */
export function widgetThemeCss(accent: string): string {
  return `:root{--accent:${accent.toLowerCase()};--accent-ink:${inkFor(accent)}}\n`;
}

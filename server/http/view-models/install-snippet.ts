/** The tag a merchant pastes into their product page, attribute by attribute as the README documents them. */
export function installSnippet(input: {
  widgetUrl: string;
  merchantId: string;
  sku: string;
  theme: 'light' | 'dark' | 'auto';
  accent?: string;
  variant: 'full' | 'badge';
}): string {
  const attrs = [`async src="${input.widgetUrl}"`, `data-candor-merchant="${input.merchantId}"`, `data-candor-product="${input.sku}"`];
  if (input.theme !== 'light') attrs.push(`data-candor-theme="${input.theme}"`);
  if (input.accent) attrs.push(`data-candor-accent="${input.accent.toLowerCase()}"`);
  if (input.variant === 'badge') attrs.push('data-candor-variant="badge"');
  return `<script ${attrs.join(' ')}></script>`;
}

/** The preview frame's address: the real frame, told that Candor's own page embeds it. */
export function previewFrameSrc(input: { merchantId: string; sku: string; theme: string; accent?: string; variant: string; selfOrigin: string }): string {
  const query = new URLSearchParams({ merchant: input.merchantId, product: input.sku, theme: input.theme, origin: input.selfOrigin });
  if (input.accent) query.set('accent', input.accent.toLowerCase());
  if (input.variant === 'badge') query.set('variant', 'badge');
  return `/widget/frame?${query}`;
}

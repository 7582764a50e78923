import type { MerchantScope } from '../../merchants/merchant-scope.js';
import { formatDate } from './format.js';

export const SECTIONS = [
  { key: 'dashboard', path: '', label: 'Dashboard' },
  { key: 'products', path: '/products', label: 'Products' },
  { key: 'replies', path: '/replies', label: 'Replies' },
  { key: 'origins', path: '/origins', label: 'Embed origins' },
  { key: 'staff', path: '/staff', label: 'Staff' },
  { key: 'api-keys', path: '/api-keys', label: 'API keys' },
  { key: 'webhooks', path: '/webhooks', label: 'Webhooks' },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];

export function merchantBase(scope: MerchantScope): string {
  return `/merchant/${encodeURIComponent(scope.merchant.id)}`;
}

/** What every merchant-area page shows above its section: the merchant and the section tabs. */
export function merchantChrome(scope: MerchantScope, active: SectionKey | 'shop' | 'team' | 'install' | 'insights') {
  const base = merchantBase(scope);
  return {
    merchant: scope.merchant,
    base,
    nav: [
      ...SECTIONS.map((s) => ({ href: `${base}${s.path}`, label: s.label, current: s.key === active })),
      // CSAT, NPS and the CSV exports (routes/merchant-insights.ts).
      { href: `${base}/insights`, label: 'CSAT & NPS', current: active === 'insights' },
      // The shop's standing and verification (routes/merchant-onboarding.ts).
      { href: `${base}/shop`, label: 'Shop', current: active === 'shop' },
      // Team roles and the install page (routes/merchant-team.ts, routes/merchant-install.ts).
      ...(['team', 'install'] as const).map((k) => ({ href: `${base}/${k}`, label: k === 'team' ? 'Team' : 'Install', current: active === k })),
    ],
  };
}

export function dateOrNever(date: Date | null): string {
  return date ? `${formatDate(date)} ${date.toISOString().slice(11, 16)} UTC` : 'never';
}

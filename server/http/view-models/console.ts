import { LABELS } from '../../integrity/types.js';
import type { ItemEvidence } from '../../moderation/item-evidence.js';
import { AGE_FILTERS, QUEUE_TABS, type QueueView } from '../../moderation/queue.js';
import { REJECT_REASONS } from '../../moderation/reject-reasons.js';
import type { AuditRow } from '../../moderation/audit.js';
import type { QueueRow } from '../../moderation/queue.js';
import { REPORT_REASONS as PEOPLE_REPORT_REASONS, SYSTEM_REPORT_REASONS } from '../../reviews/report-content.js';

const REPORT_REASONS = { ...PEOPLE_REPORT_REASONS, ...SYSTEM_REPORT_REASONS };
const VOTE_LINK_WORDS: Record<string, string> = {
  device: 'same device',
  network: 'same IP address',
  creation_batch: 'created in the same batch from the same subnet',
};
import { timelineChart } from './svg-charts.js';
import { STATE_LABELS, formatDate, starsText } from './format.js';

const TAB_TITLES: Record<string, string> = { reviews: 'Held reviews', comments: 'Held comments', reports: 'Reported', appeals: 'Appeals' };
const AGE_TITLES: Record<string, string> = { any: 'Any age', day: 'Last 24 hours', week: 'Last 7 days', older: 'Waiting over 7 days' };

/** Reasons numbered 1–9: typing the digit in the focused picker selects it (the keyboard path). */
export const reasonOptions = REJECT_REASONS.map((r, i) => ({ key: r.key, label: `${i + 1} · ${r.label}`, policy: r.policy }));

function ago(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

export function excerpt(text: string, max = 220): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function queueHref(q: QueueView['query'], change: Record<string, string | null>): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | null> = {
    tab: q.tab,
    sort: q.sort,
    label: q.label,
    merchant: q.merchantId,
    product: q.productId,
    age: q.age,
    ...change,
  };
  for (const [k, v] of Object.entries(merged)) if (v && !(k === 'age' && v === 'any') && !(k === 'sort' && v === 'newest')) params.set(k, v);
  const s = params.toString();
  return `/console${s ? `?${s}` : ''}`;
}

function rowView(row: QueueRow, tab: string, now: Date, back: string) {
  return {
    ...row,
    key: `${row.kind}-${row.id}`,
    href: `/console/items/${row.kind}/${row.id}`,
    decisionAction: `/console/items/${row.kind}/${row.id}/decision`,
    appealAction: row.appealId ? `/console/appeals/${row.appealId}/decision` : null,
    heading: row.title || excerpt(row.body, 80),
    excerpt: excerpt(row.body),
    stars: row.rating ? starsText(row.rating) : null,
    scoreText: row.score.toFixed(2),
    waiting: ago(row.queuedAt, now),
    queuedDate: formatDate(row.queuedAt),
    reportReasonText: row.reportReasons.map((r) => REPORT_REASONS[r as keyof typeof REPORT_REASONS] ?? r).join(', '),
    isHeld: tab === 'reviews' || tab === 'comments',
    isReport: tab === 'reports',
    isAppeal: tab === 'appeals',
    stateLabel: STATE_LABELS[row.status],
    back,
    backParam: encodeURIComponent(back),
  };
}

export function queuePageView(view: QueueView, now: Date, back: string) {
  const q = view.query;
  return {
    query: q,
    tabs: QUEUE_TABS.map((tab) => ({ tab, title: TAB_TITLES[tab], count: view.counts[tab], href: queueHref(q, { tab }), active: tab === q.tab })),
    tabTitle: TAB_TITLES[q.tab],
    items: view.items.map((row) => rowView(row, q.tab, now, back)),
    sorts: [
      { value: 'newest', title: 'Newest first', selected: q.sort === 'newest' },
      { value: 'score', title: q.tab === 'reports' ? 'Most reported / highest score' : 'Highest score first', selected: q.sort === 'score' },
    ],
    labels: LABELS.map((l) => ({ value: l, selected: q.label === l })),
    merchants: view.options.merchants.map((m) => ({ ...m, selected: q.merchantId === m.id })),
    products: view.options.products.map((p) => ({ ...p, selected: q.productId === p.id })),
    ages: AGE_FILTERS.map((a) => ({ value: a, title: AGE_TITLES[a], selected: q.age === a })),
    nextHref: view.hasMore ? queueHref(q, { page: String(q.page + 1) }) : null,
    reasons: reasonOptions,
  };
}

/** Any JSON a signal recorded, as key/value lines: objects, arrays, numbers and strings all render. */
export function evidenceEntries(evidence: unknown): { key: string; value: string }[] {
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '(none)';
    if (typeof v === 'object')
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${show(x)}`)
        .join('; ');
    return String(v);
  };
  if (!evidence || typeof evidence !== 'object' || Array.isArray(evidence)) return [{ key: 'value', value: show(evidence) }];
  return Object.entries(evidence).map(([key, value]) => ({ key, value: show(value) }));
}

export function auditRowView(a: AuditRow) {
  const details = { ...a.details };
  const modelVersion = typeof details.modelVersion === 'string' ? details.modelVersion : null;
  return {
    ...a,
    when: a.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    who: a.actorId ? (a.actorName ?? a.actorId) : 'Automatic checks',
    automatic: !a.actorId,
    modelVersion,
    policyVersion: typeof details.policyVersion === 'string' ? details.policyVersion : null,
    note: typeof details.note === 'string' ? details.note : null,
    detailEntries: evidenceEntries(Object.fromEntries(Object.entries(details).filter(([k]) => !['modelVersion', 'policyVersion', 'note'].includes(k)))),
    targetHref: ['review', 'comment', 'question', 'answer'].includes(a.targetKind) ? `/console/items/${a.targetKind}/${a.targetId}` : null,
  };
}

export function itemPageView(e: ItemEvidence, back: string) {
  const item = e.item;
  const status = item.status;
  return {
    item: { ...item, stars: item.rating ? starsText(item.rating) : null, date: formatDate(item.createdAt), stateLabel: STATE_LABELS[status] },
    kindTitle: ({ review: 'Review', comment: 'Comment', question: 'Question', answer: 'Answer' } as const)[item.kind],
    decisionAction: `/console/items/${item.kind}/${item.id}/decision`,
    clusterAction: `/console/items/review/${item.id}/cluster`,
    canPublish: status === 'held' || status === 'rejected' || status === 'removed',
    canReject: status === 'held' || status === 'pending',
    canRemove: status === 'published',
    canDismiss: e.reports.some((r) => r.status === 'open'),
    product: e.product,
    author: { ...e.author, createdDate: formatDate(e.author.createdAt), suspended: e.author.status === 'suspended', isCustomer: e.author.role === 'customer' },
    titleSegments: e.titleSegments,
    bodySegments: e.bodySegments,
    verdict: e.verdict
      ? {
          ...e.verdict,
          scoreText: e.verdict.score.toFixed(2),
          when: formatDate(e.verdict.decidedAt),
          signals: e.verdict.reasons.map((s) => ({ ...s, weightText: s.weight.toFixed(2), mitigating: s.weight < 0, entries: evidenceEntries(s.evidence) })),
        }
      : null,
    earlierVerdicts: e.verdicts.slice(1).map((v) => ({ ...v, when: formatDate(v.decidedAt), scoreText: v.score.toFixed(2) })),
    similar: e.similar.map((s) => ({
      ...s,
      review: { ...s.review, stars: starsText(s.review.rating), date: formatDate(s.review.createdAt), stateLabel: STATE_LABELS[s.review.status] },
      similarityPct: Math.round(s.similarity * 100),
    })),
    linked: e.linked.map((l) => ({
      ...l,
      account: { ...l.account, createdDate: formatDate(l.account.createdAt) },
      reviews: l.reviews.map((r) => ({ ...r, stars: starsText(r.rating), stateLabel: STATE_LABELS[r.status] })),
    })),
    history: {
      reviews: e.history.reviews.map((r) => ({ ...r, stars: starsText(r.rating), date: formatDate(r.createdAt), stateLabel: STATE_LABELS[r.status] })),
      comments: e.history.comments.map((c) => ({ ...c, excerpt: excerpt(c.body, 120), date: formatDate(c.createdAt), stateLabel: STATE_LABELS[c.status] })),
      accountAudit: e.history.accountAudit.map(auditRowView),
      counts: {
        reviews: e.history.reviews.length,
        held: e.history.reviews.filter((r) => r.status === 'held').length,
        rejected: e.history.reviews.filter((r) => r.status === 'rejected' || r.status === 'removed').length,
      },
    },
    timelineSvg: timelineChart(e.timeline),
    timeline: e.timeline,
    quotes: e.quotes,
    reports: e.reports.map((r) => ({ ...r, reasonText: REPORT_REASONS[r.reason as keyof typeof REPORT_REASONS] ?? r.reason, date: formatDate(r.createdAt) })),
    votes: e.votes.length
      ? {
          counted: e.votes.filter((v) => v.counted).length,
          total: e.votes.length,
          rows: e.votes.map((v) => ({ ...v, date: formatDate(v.at), linkWords: v.linkReason ? (VOTE_LINK_WORDS[v.linkReason] ?? v.linkReason) : null })),
        }
      : null,
    appeal: e.appeal
      ? { ...e.appeal, date: formatDate(e.appeal.createdAt), open: e.appeal.status === 'open', action: `/console/appeals/${e.appeal.id}/decision` }
      : null,
    audit: e.audit.map(auditRowView),
    cluster: e.cluster.map((r) => ({ ...r, stars: starsText(r.rating), stateLabel: STATE_LABELS[r.status], excerpt: excerpt(`${r.title} — ${r.body}`, 140) })),
    reasons: reasonOptions,
    back,
  };
}

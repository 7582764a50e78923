import type { ProductQuestion } from '../../questions/product-questions.js';
import { STATE_LABELS, formatDate } from './format.js';

const BADGES = { owner: 'Owns it', seller: 'Seller' } as const;
const BADGE_TITLES = { owner: 'Bought this product from the merchant', seller: 'Works for the merchant that sells this product' } as const;

export function questionsView(questions: ProductQuestion[], productSlug: string, viewerId: string | null) {
  return {
    askAction: `/products/${encodeURIComponent(productSlug)}/questions`,
    signedIn: viewerId !== null,
    items: questions.map((q) => ({
      id: q.id,
      body: q.body,
      authorName: q.authorName,
      date: formatDate(q.createdAt),
      isoDate: q.createdAt.toISOString(),
      published: q.status === 'published',
      stateLabel: STATE_LABELS[q.status],
      answerAction: `/products/${encodeURIComponent(productSlug)}/questions/${encodeURIComponent(q.id)}/answers`,
      canAnswer: viewerId !== null && q.status === 'published',
      canReport: viewerId !== null && viewerId !== q.accountId && q.status === 'published',
      reportAction: `/products/${encodeURIComponent(productSlug)}/questions/${encodeURIComponent(q.id)}/report`,
      answers: q.answers.map((a) => ({
        id: a.id,
        body: a.body,
        authorName: a.authorName,
        date: formatDate(a.createdAt),
        isoDate: a.createdAt.toISOString(),
        badge: a.badge ? BADGES[a.badge] : null,
        badgeClass: a.badge === 'seller' ? 'staff' : a.badge === 'owner' ? 'verified' : null,
        badgeTitle: a.badge ? BADGE_TITLES[a.badge] : null,
        published: a.status === 'published',
        stateLabel: STATE_LABELS[a.status],
        helpfulCount: a.helpfulCount,
        votedByViewer: a.votedByViewer,
        canVote: viewerId !== null && viewerId !== a.accountId && a.status === 'published',
        canReport: viewerId !== null && viewerId !== a.accountId && a.status === 'published',
        reportAction: `/products/${encodeURIComponent(productSlug)}/answers/${encodeURIComponent(a.id)}/report`,
        voteAction: `/products/${encodeURIComponent(productSlug)}/answers/${encodeURIComponent(a.id)}/helpful`,
      })),
    })),
  };
}

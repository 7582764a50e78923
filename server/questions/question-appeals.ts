import type { Database } from '../storage/database.js';
import type { ProductQuestion } from './product-questions.js';
import { appealsByAccount } from '../storage/appeal-repo.js';
import { fileAppeal } from '../moderation/appeals.js';
import type { ModerationDeps } from '../moderation/decisions.js';

/**
 * Appeals of held or rejected questions and answers: the review appeal flow as it is (fileAppeal: own item only,
 * held or rejected, once, audited; the console's Appeals tab; decideAppeal), asked from the product's page where
 * the author sees their own waiting post.
 */
export type QuestionPostKind = 'question' | 'answer';

const APPEALABLE = new Set(['held', 'rejected']);

const APPEAL_WORDS = {
  open: 'Your appeal is waiting for a moderator.',
  won: 'Your appeal was successful: a moderator published it.',
  lost: 'A moderator looked again and kept the decision.',
} as const;

export function appealQuestionPost(
  deps: ModerationDeps,
  input: { accountId: string; kind: QuestionPostKind; targetId: string; message: string },
): Promise<{ appealId: string }> {
  return fileAppeal(deps, input);
}

export interface QuestionAppealState {
  /** The author may still appeal (held or rejected, not appealed yet). */
  canAppeal: boolean;
  appeal: { status: keyof typeof APPEAL_WORDS; words: string } | null;
}

/**
 * For the viewer's own questions and answers that are not published: may they appeal, and what became of an appeal.
 * Keyed "question:ID" / "answer:ID". No query at all when the viewer has nothing waiting (every anonymous page).
 */
export async function questionAppealStates(db: Database, viewerId: string | null, questions: ProductQuestion[]): Promise<Map<string, QuestionAppealState>> {
  const posts = questions.flatMap((q) => [
    { kind: 'question' as const, id: q.id, accountId: q.accountId, status: q.status },
    ...q.answers.map((a) => ({ kind: 'answer' as const, id: a.id, accountId: a.accountId, status: a.status })),
  ]);
  const own = posts.filter((p) => viewerId !== null && p.accountId === viewerId && p.status !== 'published');
  if (own.length === 0 || viewerId === null) return new Map();
  const appeals = new Map((await appealsByAccount(db, viewerId)).map((a) => [`${a.targetKind}:${a.targetId}`, a]));
  return new Map(
    own.map((p) => {
      const key = `${p.kind}:${p.id}`;
      const appeal = appeals.get(key);
      return [
        key,
        {
          canAppeal: !appeal && APPEALABLE.has(p.status),
          appeal: appeal ? { status: appeal.status, words: APPEAL_WORDS[appeal.status] } : null,
        },
      ];
    }),
  );
}

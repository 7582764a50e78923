import type { QuestionAppealState } from '../../questions/question-appeals.js';
import type { questionsView } from './product-questions.js';

type QuestionsView = ReturnType<typeof questionsView>;

/** Adds, to the viewer's own waiting questions and answers, the appeal form or what became of the appeal. */
export function withQuestionAppeals(view: QuestionsView, states: Map<string, QuestionAppealState>, productSlug: string) {
  const slug = encodeURIComponent(productSlug);
  const appealOf = (kind: 'question' | 'answer', id: string) => {
    const state = states.get(`${kind}:${id}`);
    if (!state || (!state.canAppeal && !state.appeal)) return null;
    return {
      ...state,
      action: `/products/${slug}/${kind === 'question' ? 'questions' : 'answers'}/${encodeURIComponent(id)}/appeal`,
    };
  };
  return {
    ...view,
    items: view.items.map((q) => ({
      ...q,
      appeal: appealOf('question', q.id),
      answers: q.answers.map((a) => ({ ...a, appeal: appealOf('answer', a.id) })),
    })),
  };
}

import type { Database } from '../storage/database.js';
import { listProductQuestions, type TabQuestionRow } from '../storage/question-repo.js';

/** How many questions the tab shows (newest first). */
export const QUESTIONS_SHOWN = 20;

export type ProductQuestion = TabQuestionRow;

/** A product's published questions and answers, plus the viewer's own ones still waiting. */
export async function loadProductQuestions(db: Database, input: { productId: string; viewerId: string | null }): Promise<ProductQuestion[]> {
  return listProductQuestions(db, input.productId, input.viewerId, QUESTIONS_SHOWN);
}

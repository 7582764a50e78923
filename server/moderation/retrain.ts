// Feedback: moderators' decisions are labels; retraining fits a new text model on them, stores it with its
// version and makes it the model the pipeline uses from the next submission on.
import { Worker } from 'node:worker_threads';
import { invalid } from '../domain-errors.js';
import { loadTextModel, type TextModelOptions, type TrainingExample } from '../integrity/text-model.js';
import type { TextModel } from '../integrity/types.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database } from '../storage/database.js';
import { activeModelJson, countLabels, latestModeratorLabels, listModels, storeActiveModel } from '../storage/model-repo.js';

export const MIN_EXAMPLES_PER_CLASS = 2;
const MESSAGES = {
  tooFew: (fake: number, genuine: number) =>
    `Not enough moderator decisions to train on yet: ${fake} fake and ${genuine} genuine; at least ${MIN_EXAMPLES_PER_CLASS} of each are needed.`,
};
// Moderator labels number in the thousands, not millions: 2^16 hashed features are plenty and keep the stored
// model around 350 kB.
const TRAINING_OPTIONS = { hashBits: 16, seed: 1 };

export interface RetrainDeps {
  db: Database;
  clock: () => Date;
  integrity: { setModel(model: TextModel | null): void };
}

export interface RetrainResult {
  version: string;
  trainingSize: number;
  positives: number;
}

export async function retrainTextModel(deps: RetrainDeps, input: { trainedBy: string | null }): Promise<RetrainResult> {
  const examples = await latestModeratorLabels(deps.db);
  const positives = examples.filter((e) => e.fake).length;
  const negatives = examples.length - positives;
  if (positives < MIN_EXAMPLES_PER_CLASS || negatives < MIN_EXAMPLES_PER_CLASS) throw invalid(MESSAGES.tooFew(positives, negatives));
  const at = deps.clock();
  const json = await trainInThread(examples, { ...TRAINING_OPTIONS, trainedAt: at.toISOString().slice(0, 10) });
  const model = loadTextModel(json);
  await deps.db.transaction(async (tx) => {
    await storeActiveModel(tx, { version: model.version, json, trainingSize: examples.length, positives, trainedAt: at, trainedBy: input.trainedBy });
    await appendAudit(tx, {
      at,
      actorId: input.trainedBy,
      action: 'model.retrain',
      targetKind: 'model',
      targetId: model.version,
      beforeState: null,
      afterState: 'active',
      reason: null,
      details: { trainingSize: examples.length, positives, modelVersion: model.version },
    });
  });
  deps.integrity.setModel(model);
  return { version: model.version, trainingSize: examples.length, positives };
}

/** Trains in a worker thread and returns the serialized model: the caller's event loop keeps answering requests. */
export function trainInThread(examples: TrainingExample[], options: Partial<TextModelOptions>): Promise<string> {
  return new Promise((resolve, reject) => {
    // Compiled, the thread runs the bundle's own entry (dist/server/train-thread.js, beside every chunk); through the
    // TypeScript loader, which a thread does not inherit, it boots tsx first.
    const compiled = !import.meta.url.endsWith('.ts');
    const worker = compiled
      ? new Worker(new URL('./train-thread.js', import.meta.url), { workerData: { examples, options } })
      : new Worker(new URL('./thread-boot.mjs', import.meta.url), {
          workerData: { entry: new URL('./train-thread.ts', import.meta.url).href, examples, options },
        });
    let result: string | null = null;
    worker.once('message', (json: string) => {
      result = json;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (result !== null ? resolve(result) : reject(new Error(`training thread exited with code ${code}`))));
  });
}

/** The stored active model, if any, ready for the pipeline (called once at start). */
export async function loadActiveTextModel(db: Database): Promise<TextModel | null> {
  const json = await activeModelJson(db);
  return json ? loadTextModel(json) : null;
}

export async function modelOverview(db: Database) {
  return { models: await listModels(db), labels: await countLabels(db), minPerClass: MIN_EXAMPLES_PER_CLASS };
}

// Runs in a worker thread (see trainInThread): fitting a text model takes seconds of CPU, which must never block
// the event loop that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import { trainTextModel, type TextModelOptions, type TrainingExample } from '../integrity/text-model.js';

const input = workerData as { examples: TrainingExample[]; options: Partial<TextModelOptions> };
const model = trainTextModel(input.examples, input.options);
parentPort!.postMessage(JSON.stringify(model.toJSON()));

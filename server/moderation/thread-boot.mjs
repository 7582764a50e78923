// Entry of a worker thread running TypeScript: a thread does not inherit the parent's `--import tsx`, so it loads
// its real entry (workerData.entry) through tsx's API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);

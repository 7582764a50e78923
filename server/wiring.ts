import type { Logger } from 'pino';
import type { Config } from './config.js';
import { defaultPolicy } from './integrity/policy.js';
import type { TextModel } from './integrity/types.js';
import type { IntegrityDeps } from './reviews/integrity-gate.js';
import type { Database } from './storage/database.js';

/** Everything stateful the HTTP layer and the CLI share, built in one place and passed in. */
export interface Services {
  config: Config;
  db: Database;
  logger: Logger;
  clock: () => Date;
  integrity: IntegrityDeps & { setModel(model: TextModel | null): void };
}

export function buildServices(input: { config: Config; db: Database; logger: Logger; clock?: () => Date }): Services {
  let model: TextModel | null = null;
  return {
    config: input.config,
    db: input.db,
    logger: input.logger,
    clock: input.clock ?? (() => new Date()),
    integrity: {
      policy: defaultPolicy,
      currentModel: () => model,
      setModel: (next) => {
        model = next;
      },
    },
  };
}

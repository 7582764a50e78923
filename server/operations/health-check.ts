import { pingDatabase, type Queryable } from '../storage/database.js';

export interface Health {
  status: 'ok';
}

/** The process answers and its database answers a query; a failure propagates (the route turns it into a 5xx). */
export async function checkHealth(db: Queryable): Promise<Health> {
  await pingDatabase(db);
  return { status: 'ok' };
}

// The shapes the reviews tab hands to its readers (routes, view-models, the API), so they never import storage.
import { SORTS, type RatingSummary, type SortKey } from '../storage/reviews-tab-repo.js';

export type { RatingSummary, SortKey };

/** The orders a reader may choose for a product's reviews; the first is the default. */
export const SORT_KEYS = Object.keys(SORTS) as [SortKey, ...SortKey[]];

// Pure: which helpful votes count toward ranking. No SQL, no clock: the facts are passed in.
//
// Helpful votes are social-influence indicators (FTC 16 CFR 465.8): ten accounts run from one browser must
// not look like ten readers. A vote counts only when its account is not linked to an account whose vote on
// the same review already counts (or to the review's author, who cannot vote at all). Linked votes are kept
// and shown to moderators. Links are deliberately few and plain, so a moderator can check each one:
//   device          the same first-party device cookie
//   network         the same IP address
//   creation batch  accounts created within a short window from the same subnet

export const VOTE_RULES = {
  /** Accounts created this close together from one subnet are one creation batch. */
  creationBatchMs: 24 * 3_600_000,
  /** This many votes on one review within the window put it in the moderation queue. */
  burstVotes: 6,
  burstWindowMs: 3_600_000,
} as const;

export interface VoterFacts {
  accountId: string;
  createdAt: Date;
  devices: readonly string[];
  ips: readonly string[];
  ipPrefixes: readonly string[];
}

export type VoteLinkReason = 'device' | 'network' | 'creation_batch';

export interface VoteLink {
  /** The counted voter (or the author) this vote is linked to. */
  accountId: string;
  reason: VoteLinkReason;
  /** The shared value (device id, address or subnet), for the moderator. */
  evidence: string;
}

const shared = (a: readonly string[], b: readonly string[]) => a.find((x) => b.includes(x)) ?? null;

/** The first link between the voter and any of the accounts whose votes count (the author included), or null. */
export function findVoteLink(voter: VoterFacts, counted: readonly VoterFacts[], rules = VOTE_RULES): VoteLink | null {
  for (const other of counted) {
    if (other.accountId === voter.accountId) continue;
    const device = shared(voter.devices, other.devices);
    if (device) return { accountId: other.accountId, reason: 'device', evidence: device };
    const ip = shared(voter.ips, other.ips);
    if (ip) return { accountId: other.accountId, reason: 'network', evidence: ip };
    const subnet = shared(voter.ipPrefixes, other.ipPrefixes);
    if (subnet && Math.abs(voter.createdAt.getTime() - other.createdAt.getTime()) <= rules.creationBatchMs) {
      return { accountId: other.accountId, reason: 'creation_batch', evidence: subnet };
    }
  }
  return null;
}

/** True when the votes on one review within the window (this one included) reach the burst threshold. */
export function isVoteBurst(recentVoteCount: number, rules = VOTE_RULES): boolean {
  return recentVoteCount >= rules.burstVotes;
}

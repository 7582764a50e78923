import { expect } from 'chai';
import { findVoteLink, isVoteBurst, VOTE_RULES } from '../../../server/reviews/vote-links.js';

const person = (id: string, over: Partial<{ createdAt: Date; devices: string[]; ips: string[]; ipPrefixes: string[] }> = {}) => ({
  accountId: id,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  devices: [`d-${id}`],
  ips: [`198.51.100.${id.length}`],
  ipPrefixes: [`198.51.${id.length}.0/24`],
  ...over,
});

describe('vote links: which helpful votes count', () => {
  it('when the voter shares a device, an address, or a creation batch with a counted voter, then the link names it', () => {
    const counted = [person('a', { devices: ['D1'], ips: ['203.0.113.1'], ipPrefixes: ['203.0.113.0/24'] })];
    expect(findVoteLink(person('b', { devices: ['D1'] }), counted)).to.deep.equal({ accountId: 'a', reason: 'device', evidence: 'D1' });
    expect(findVoteLink(person('bb', { ips: ['203.0.113.1'] }), counted)).to.deep.include({ reason: 'network', evidence: '203.0.113.1' });
    const batch = person('bbb', { ipPrefixes: ['203.0.113.0/24'], createdAt: new Date('2026-01-01T05:00:00Z') });
    expect(findVoteLink(batch, counted)).to.deep.include({ reason: 'creation_batch' });
  });

  it('when accounts only share a subnet but were created far apart, or share nothing, then the vote counts', () => {
    const counted = [person('a', { ipPrefixes: ['203.0.113.0/24'] })];
    const later = person('bbbb', { ipPrefixes: ['203.0.113.0/24'], createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + VOTE_RULES.creationBatchMs + 1) });
    expect(findVoteLink(later, counted)).to.equal(null);
    expect(findVoteLink(person('zzzzz'), counted)).to.equal(null);
  });

  it('when votes on one review reach the burst threshold, then it is a burst', () => {
    expect(isVoteBurst(VOTE_RULES.burstVotes - 1)).to.equal(false);
    expect(isVoteBurst(VOTE_RULES.burstVotes)).to.equal(true);
  });
});

import { expect } from 'chai';
import { actorRefusal, type ActorAction } from '../../../server/accounts/actor-policy.js';

describe('actor policy: may this account do this?', () => {
  const active = { id: 'a', status: 'active' as const, staffOf: ['m_own'], manages: ['m_own'] };
  const declared = { ...active, manages: [] };
  const suspended = { ...active, status: 'suspended' as const };
  const all: ActorAction[] = ['review', 'edit', 'comment', 'vote', 'report', 'reply', 'appeal', 'merchant'];

  it('when the account is suspended, then every action but an appeal is refused', () => {
    for (const action of all) expect(actorRefusal(suspended, action, { merchantId: 'm_other' }) === null, action).to.equal(action === 'appeal');
  });

  it('when staff act on their own merchant, then votes, reports and comments are refused; reviews are allowed (labelled by the checks)', () => {
    for (const action of ['vote', 'report', 'comment'] as const)
      expect(actorRefusal(declared, action, { merchantId: 'm_own' }), action).to.match(/Staff of this product/);
    expect(actorRefusal(declared, 'review', { merchantId: 'm_own' })).to.equal(null);
    for (const action of ['vote', 'report', 'comment'] as const) expect(actorRefusal(declared, action, { merchantId: 'm_other' }), action).to.equal(null);
  });

  it('when someone replies as a merchant, then only its managers may', () => {
    expect(actorRefusal(active, 'reply', { merchantId: 'm_own' })).to.equal(null);
    expect(actorRefusal(declared, 'reply', { merchantId: 'm_own' })).to.match(/Only staff/);
    expect(actorRefusal(active, 'reply', { merchantId: 'm_other' })).to.match(/Only staff/);
  });
});

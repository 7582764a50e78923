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

  it('when team roles are known, then viewers may neither reply nor manage, staff may reply but not manage, owners may both', () => {
    const viewer = { ...active, replies: [], owns: [] };
    const staff = { ...active, replies: ['m_own'], owns: [] };
    const owner = { ...active, replies: ['m_own'], owns: ['m_own'] };
    expect(actorRefusal(viewer, 'merchant', { merchantId: 'm_own' })).to.equal(null);
    expect(actorRefusal(viewer, 'reply', { merchantId: 'm_own' })).to.match(/viewer/);
    expect(actorRefusal(viewer, 'manage', { merchantId: 'm_own' })).to.match(/viewer/);
    expect(actorRefusal(staff, 'reply', { merchantId: 'm_own' })).to.equal(null);
    expect(actorRefusal(staff, 'manage', { merchantId: 'm_own' })).to.match(/Only an owner/);
    expect(actorRefusal(owner, 'manage', { merchantId: 'm_own' })).to.equal(null);
    expect(actorRefusal(owner, 'manage', { merchantId: 'm_other' })).to.match(/Only staff/);
  });
});

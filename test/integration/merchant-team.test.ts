import { expect } from 'chai';
import { findActorFacts } from '../../server/storage/account-repo.js';
import { signedInAgent } from '../helpers/test-app.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

describe('merchant team with roles', function () {
  let s: Awaited<ReturnType<typeof twoMerchants>>;
  let staff: Agent;
  let viewer: Agent;
  let reviewId: string;

  const post = async (who: Agent, path: string, form: Record<string, string> = {}) =>
    who.agent
      .post(path)
      .type('form')
      .send({ _csrf: await who.csrf(), ...form });

  /** The owner invites; the person accepts on their account page; returns the agent, now on the team. */
  const join = async (role: 'owner' | 'staff' | 'viewer') => {
    const person = await signedInAgent(s.ctx);
    const invited = await post(s.managerA, '/merchant/m_test/team', { email: person.account.email, role });
    expect(invited.status, invited.text).to.equal(303);
    const account = await person.agent.get('/account').expect(200);
    const id = /\/account\/staff-invitations\/([^/]+)\/accept/.exec(account.text)?.[1];
    expect(id, 'the invitation is on the account page').to.be.a('string');
    expect(account.text).to.include(`joins its team as ${role}`);
    const accepted = await post(person, `/account/staff-invitations/${id}/accept`);
    expect(accepted.status).to.equal(303);
    return person;
  };

  before(async () => {
    s = await twoMerchants();
    staff = await join('staff');
    viewer = await join('viewer');
    reviewId = (await publishedReview(s.ctx, s.a.product.id, 2)).reviewId;
  });
  after(() => s.ctx.close());

  it('when an invited person accepts, then they open the area with their role and are declared staff for the insider checks', async () => {
    const team = await s.managerA.agent.get('/merchant/m_test/team').expect(200);
    expect(team.text).to.include(staff.account.email);
    expect(team.text).to.include(viewer.account.email);
    const facts = await findActorFacts(s.ctx.db, viewer.account.id);
    expect(facts!.staffOf).to.include('m_test');
    expect(facts!.manages).to.include('m_test');
    expect((await viewer.agent.get('/merchant/m_test')).status).to.equal(200);
    expect((await viewer.agent.get('/merchant')).headers.location).to.equal('/merchant/m_test');
  });

  it('when a viewer tries to reply, follow up or manage the team, origins or products, then each is refused with 403', async () => {
    const reply = await post(viewer, `/merchant/m_test/replies/${reviewId}`, { body: 'Sorry to hear that, we will look into it.' });
    expect(reply.status).to.equal(403);
    expect(reply.text).to.include('viewer');
    const followUp = await post(viewer, `/merchant/m_test/follow-ups/${reviewId}`, { reply: 'We are sorry, please write to us.', makeGood: 'apology' });
    expect(followUp.status).to.equal(403);
    expect((await post(viewer, '/merchant/m_test/team', { email: 'x@mail.example', role: 'owner' })).status).to.equal(403);
    expect((await post(viewer, `/merchant/m_test/team/members/${viewer.account.id}`, { role: 'owner' })).status).to.equal(403);
    expect((await post(viewer, '/merchant/m_test/origins', { origin: 'https://viewer.example' })).status).to.equal(403);
    expect((await post(viewer, '/merchant/m_test/products', { sku: 'V-1', name: 'Viewer thing', category: 'gear' })).status).to.equal(403);
    const facts = await findActorFacts(s.ctx.db, viewer.account.id);
    expect(facts!.owns).not.to.include('m_test');
  });

  it('when staff reply, then it is saved; when staff try to manage the team or origins, then it is refused with 403', async () => {
    const reply = await post(staff, `/merchant/m_test/replies/${reviewId}`, { body: 'Thank you, we replaced the part for everyone.' });
    expect(reply.status, reply.text).to.equal(303);
    expect((await post(staff, '/merchant/m_test/team', { email: 'y@mail.example', role: 'viewer' })).status).to.equal(403);
    expect((await post(staff, '/merchant/m_test/origins', { origin: 'https://staff.example' })).status).to.equal(403);
    const page = await staff.agent.get('/merchant/m_test/team').expect(200);
    expect(page.text).not.to.include('Invite to the team');
  });

  it("when another merchant's owner or a customer uses this merchant's team routes, then each is refused with 403", async () => {
    expect((await s.managerB.agent.get('/merchant/m_test/team')).status).to.equal(403);
    expect((await post(s.managerB, '/merchant/m_test/team', { email: 'z@mail.example', role: 'owner' })).status).to.equal(403);
    expect((await post(s.managerB, `/merchant/m_test/team/members/${staff.account.id}`, { role: 'removed' })).status).to.equal(403);
    expect((await s.customer.agent.get('/merchant/m_test/team')).status).to.equal(403);
    expect((await post(s.customer, '/merchant/m_test/team', { email: 'z@mail.example', role: 'owner' })).status).to.equal(403);
  });

  it('when the only owner tries to make themselves a viewer, then it is refused with 409 and they stay owner', async () => {
    const res = await post(s.managerA, `/merchant/m_test/team/members/${s.managerA.account.id}`, { role: 'viewer' });
    expect(res.status).to.equal(409);
    expect(res.text).to.include('at least one owner');
    expect((await findActorFacts(s.ctx.db, s.managerA.account.id))!.owns).to.include('m_test');
  });

  it('when the form sends an unknown role, then it is refused with 422 and names the choices', async () => {
    const res = await post(s.managerA, '/merchant/m_test/team', { email: 'q@mail.example', role: 'admin' });
    expect(res.status).to.equal(422);
    expect(res.text).to.include('owner, staff or viewer');
  });

  it('when the owner changes staff to viewer, then their next reply is refused', async () => {
    const member = await join('staff');
    expect((await post(s.managerA, `/merchant/m_test/team/members/${member.account.id}`, { role: 'viewer' })).status).to.equal(303);
    const reply = await post(member, `/merchant/m_test/replies/${reviewId}`, { body: 'Trying to answer after a downgrade.' });
    expect(reply.status).to.equal(403);
  });

  it('when the owner removes a member, then their very next request is refused and they stay declared staff', async () => {
    const member = await join('staff');
    expect((await member.agent.get('/merchant/m_test/team')).status).to.equal(200);
    const removed = await post(s.managerA, `/merchant/m_test/team/members/${member.account.id}`, { role: 'removed' });
    expect(removed.status).to.equal(303);
    expect((await member.agent.get('/merchant/m_test/team')).status).to.equal(403);
    expect((await member.agent.get('/merchant/m_test')).status).to.equal(403);
    const reply = await post(member, `/merchant/m_test/replies/${reviewId}`, { body: 'Answering after being removed.' });
    expect(reply.status).to.equal(403);
    const facts = await findActorFacts(s.ctx.db, member.account.id);
    expect(facts!.manages).not.to.include('m_test');
    expect(facts!.staffOf, 'a former member is still an insider').to.include('m_test');
    const staffPage = await s.managerA.agent.get('/merchant/m_test/staff').expect(200);
    expect(staffPage.text).to.include(member.account.email);
  });
});

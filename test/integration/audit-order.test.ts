import { expect } from 'chai';
import { browseAudit } from '../../server/moderation/audit.js';
import { listAudit } from '../../server/storage/moderation-repo.js';
import { createTestContext, signedInAgent, type TestContext } from '../helpers/test-app.js';

describe('audit log order', () => {
  let ctx: TestContext;
  // Ids in insertion order; times deliberately not: a slow transaction or a replay writes an older event later.
  const entries = [
    { target: 'r_third', at: '2026-03-01T12:00:00.000Z' },
    { target: 'r_first', at: '2026-03-01T10:00:00.000Z' },
    { target: 'r_fourth', at: '2026-03-01T13:00:00.000Z' },
    { target: 'r_second', at: '2026-03-01T11:00:00.000Z' },
  ];
  before(async () => {
    ctx = await createTestContext();
    for (const e of entries) {
      await ctx.db.query(
        `INSERT INTO audit_log (at, actor_id, action, target_kind, target_id, before_state, after_state) VALUES ($1, NULL, 'verdict', 'review', $2, 'pending', 'published')`,
        [e.at, e.target],
      );
    }
  });
  after(() => ctx.close());

  it('when entries were written out of time order, then the log lists them newest first by time, not by id', async () => {
    const { entries: listed } = await browseAudit(ctx.db, { targetKind: null, targetId: null, actor: null, before: null });
    expect(listed.map((e) => e.targetId)).to.deep.equal(['r_fourth', 'r_third', 'r_second', 'r_first']);
  });

  it('when the log is paged, then each page continues in time order without skipping or repeating an entry', async () => {
    const first = await listAudit(ctx.db, { limit: 2 });
    expect(first.map((e) => e.targetId)).to.deep.equal(['r_fourth', 'r_third']);
    const last = first[first.length - 1]!;
    const second = await listAudit(ctx.db, { limit: 2, before: { at: last.at, id: last.id } });
    expect(second.map((e) => e.targetId)).to.deep.equal(['r_second', 'r_first']);
  });

  it('when a moderator opens the audit page, then the rows appear in time order', async () => {
    const mod = await signedInAgent(ctx, { role: 'moderator' });
    const page = await mod.agent.get('/console/audit').expect(200);
    const order = ['r_fourth', 'r_third', 'r_second', 'r_first'].map((id) => page.text.indexOf(id));
    expect(order.every((pos) => pos > 0)).to.equal(true);
    expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
  });

  it('when the page address carries a malformed cursor, then the answer is a clear 422', async () => {
    const mod = await signedInAgent(ctx, { role: 'moderator' });
    const res = await mod.agent.get('/console/audit?before=12abc');
    expect(res.status).to.equal(422);
    expect(res.text).to.include('That page address is not valid.');
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { defaultPolicy, describeChecks } from '../../server/integrity/policy.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

describe('the public "How we check reviews" page', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('when anyone opens it, then it lists every check of the policy in force, in plain words, with its version', async () => {
    const res = await request(ctx.app).get('/how-we-check');
    expect(res.status).to.equal(200);
    const checks = describeChecks(defaultPolicy);
    expect(checks.length).to.be.greaterThan(5);
    for (const check of checks) {
      expect(res.text).to.include(check.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;'));
    }
    expect(res.text).to.include(`Policy version ${defaultPolicy.version}`);
    expect(res.text).to.include('We never hide, hold or re-order a review because of its star rating.');
  });
});

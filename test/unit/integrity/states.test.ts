import { expect } from 'chai';
import { assertTransition, canTransition, ForbiddenTransitionError } from '../../../server/integrity/states.js';

describe('review states', () => {
  it('when a move is in the table (pending → held, published → pending, held → published), then it is allowed', () => {
    expect(() => assertTransition('pending', 'held')).not.to.throw();
    expect(() => assertTransition('published', 'pending')).not.to.throw();
    expect(() => assertTransition('held', 'published')).not.to.throw();
  });

  it('when an item stays in its state (a held review relabelled), then that is not a move and is allowed', () => {
    expect(() => assertTransition('held', 'held')).not.to.throw();
  });

  it('when a move is not in the table (removed → held, pending → removed), then it is refused with both states named', () => {
    expect(canTransition('removed', 'held')).to.equal(false);
    expect(() => assertTransition('removed', 'held')).to.throw(ForbiddenTransitionError, 'from removed to held');
    expect(() => assertTransition('pending', 'removed')).to.throw(ForbiddenTransitionError);
  });
});

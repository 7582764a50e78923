import { expect } from 'chai';
import { parseUnsubscribeToken, signUnsubscribeToken } from '../../../server/mail/unsubscribe-token.js';

const key = Buffer.from('a test key of enough length for hmac');

describe('one-click unsubscribe tokens', () => {
  it('when a token is signed, then it reads back as the same account and kind (short demo ids too)', () => {
    for (const id of ['a_ana', 'a_k3j9x0q2m1p8z7r4w5t6']) {
      expect(parseUnsubscribeToken(key, signUnsubscribeToken(key, id, 'review-comment'))).to.deep.equal({ accountId: id, kind: 'review-comment' });
    }
  });

  it('when the account, the kind, the signature or the key differ, then the token is refused', () => {
    const token = signUnsubscribeToken(key, 'a_ana', 'review-comment');
    const [id, kind, mac] = token.split('.') as [string, string, string];
    expect(parseUnsubscribeToken(key, `a_bob.${kind}.${mac}`)).to.equal(null);
    expect(parseUnsubscribeToken(key, `${id}.review-published.${mac}`)).to.equal(null);
    expect(parseUnsubscribeToken(key, `${id}.${kind}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).to.equal(null);
    expect(parseUnsubscribeToken(Buffer.from('another key'), token)).to.equal(null);
    expect(parseUnsubscribeToken(key, `${token}.extra`)).to.equal(null);
  });
});

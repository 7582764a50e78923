import { expect } from 'chai';
import { emailDomain, identifiersFor, ipPrefix, normalizeEmail, normalizeIp, uaHash } from '../../../server/integrity/identity-keys.js';

describe('identity keys', () => {
  it('when a gmail address uses dots, plus-tags or googlemail, then it normalises to one mailbox', () => {
    expect(normalizeEmail('Jane.Doe+shop@GoogleMail.com')).to.equal('janedoe@gmail.com');
    expect(normalizeEmail('j.a.n.e.doe@gmail.com')).to.equal('janedoe@gmail.com');
  });
  it('when another provider is used, then dots are kept and plus-tags are dropped', () => {
    expect(normalizeEmail('Jane.Doe+x@mailbox.example')).to.equal('jane.doe@mailbox.example');
    expect(emailDomain('x@Acme.Example')).to.equal('acme.example');
  });
  it('when an address is v4, v6 or v4-mapped, then the prefix is /24 or /64', () => {
    expect(ipPrefix('203.0.113.5')).to.equal('203.0.113.0/24');
    expect(ipPrefix('2001:db8:0:12::1')).to.equal('2001:db8:0:12::/64');
    expect(ipPrefix('::ffff:10.1.2.3')).to.equal('10.1.2.0/24');
    expect(ipPrefix('not an ip')).to.equal(null);
  });
  it('when one address is spelled several ways, then ipaddr.js gives it one spelling (the stored identifier)', () => {
    expect(normalizeIp('2001:0DB8:0000:0000:0000:ff00:0042:8329')).to.equal('2001:db8:0:0:0:ff00:42:8329');
    expect(normalizeIp('2001:db8::ff00:42:8329')).to.equal('2001:db8:0:0:0:ff00:42:8329');
    expect(normalizeIp('fe80::1%eth0')).to.equal('fe80:0:0:0:0:0:0:1');
    expect(normalizeIp('::ffff:a01:203')).to.equal('10.1.2.3');
    expect(normalizeIp(' 10.0.0.1 ')).to.equal('10.0.0.1');
    for (const bad of ['10.1', '010.0.0.1', '256.1.1.1', '1:2:3', '::1::2', '']) expect(normalizeIp(bad), bad).to.equal(null);
  });
  it('when a user agent is hashed, then the hash is short and stable', () => {
    expect(uaHash('Mozilla/5.0  X'))
      .to.equal(uaHash('Mozilla/5.0 X'))
      .and.to.match(/^[0-9a-f]{12}$/);
    expect(uaHash('A')).not.to.equal(uaHash('B'));
  });
  it('when all facts are known, then every identifier kind is produced', () => {
    const kinds = identifiersFor({ email: 'a@b.example', ip: '1.2.3.4', userAgent: 'UA', device: 'dev-1' }).map((i) => i.kind);
    expect(kinds).to.deep.equal(['ip', 'ip_prefix', 'ip_block', 'ua', 'email_norm', 'device']);
    expect(identifiersFor({})).to.deep.equal([]);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createGuardedPoster } from '../../../server/webhooks/webhook-poster.js';
import { validateWebhookUrl } from '../../../server/merchants/webhooks.js';
import { classifyAddress, isAllowedDestination } from '../../../server/security/outbound-guard.js';

describe('outbound request guard (webhooks)', () => {
  it('when an address is private in any notation, then it is refused; public addresses pass', () => {
    const blocked = [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fe80::1%eth0',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '[::ffff:127.0.0.1]',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '64:ff9b::a00:1',
      '64:ff9b:1::a00:1',
      '2002:7f00:1::1',
      '2002:c0a8:101::1',
      '::127.0.0.1',
      '2001::1',
    ];
    for (const a of blocked) expect(isAllowedDestination(a), `${a} (${classifyAddress(a)})`).to.equal(false);
    for (const a of ['93.184.216.34', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::5db8:d822', '2002:5db8:d822::1']) {
      expect(isAllowedDestination(a), a).to.equal(true);
    }
  });

  it('when loopback is allowed for tests, then only loopback opens, not other private ranges', () => {
    expect(isAllowedDestination('127.0.0.1', { allowLoopbackForTests: true })).to.equal(true);
    expect(isAllowedDestination('::ffff:127.0.0.1', { allowLoopbackForTests: true })).to.equal(true);
    expect(isAllowedDestination('10.0.0.1', { allowLoopbackForTests: true })).to.equal(false);
    expect(isAllowedDestination('169.254.169.254', { allowLoopbackForTests: true })).to.equal(false);
  });

  it('when a webhook URL names a loopback host in another notation, then registration refuses it in every mode', () => {
    for (const url of [
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost./',
      'http://LOCALHOST/',
      'http://[::1]:8080/',
      'http://169.254.169.254/latest',
    ]) {
      expect(() => validateWebhookUrl(url), url).to.throw(/public host/);
    }
    expect(validateWebhookUrl('https://hooks.shop.example/candor')).to.equal('https://hooks.shop.example/candor');
  });

  describe('delivery to a receiver on this machine', () => {
    let server: http.Server;
    let port = 0;
    let hits = 0;
    let answer = 200;
    before(async () => {
      server = http.createServer((req, res) => {
        hits++;
        req.resume();
        req.on('end', () => {
          if (answer === 302) res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
          else res.writeHead(answer).end('ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('when the URL reaches loopback through a mapped address, a short form, a number, a trailing dot or a name, then nothing is sent', async () => {
      const post = createGuardedPoster({ timeoutMs: 5000 });
      hits = 0;
      for (const host of ['[::ffff:127.0.0.1]', '127.1', '2130706433', '0x7f000001', '127.0.0.1', 'localhost', 'localhost.']) {
        let error: unknown = null;
        await post(`http://${host}:${port}/hook`, '{}', {}).catch((e) => (error = e));
        expect(String(error), host).to.match(/refused to connect|ENOTFOUND/);
      }
      expect(hits).to.equal(0);
    });

    it('when the test-only allowance is on, then the same receiver gets the delivery, and a redirect is not followed', async () => {
      const post = createGuardedPoster({ allowLoopbackForTests: true, timeoutMs: 5000 });
      hits = 0;
      answer = 200;
      await post(`http://localhost:${port}/hook`, '{"a":1}', { 'candor-signature': 't=1,v1=x' });
      expect(hits).to.equal(1);
      answer = 302;
      let error: unknown = null;
      await post(`http://127.0.0.1:${port}/hook`, '{}', {}).catch((e) => (error = e));
      expect(String(error)).to.match(/redirects are not followed/);
      expect(hits).to.equal(2);
    });
  });
});

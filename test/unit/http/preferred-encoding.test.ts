import { expect } from 'chai';
import { preferredEncoding } from '../../../server/http/response-cache.js';

// The response cache's early path must pick the same encoding Express's compression does, or a cached response
// and a fresh one for the same request would differ.
describe('the encoding a stored response is sent in', () => {
  const cases: [string, string | false][] = [
    ['', false],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', false],
    ['identity', false],
    ['*', 'br'],
    ['gzip;q=0.8, *;q=0.1', 'gzip'],
    ['deflate', false],
  ];
  for (const [header, expected] of cases) {
    it(`when Accept-Encoding is "${header}", then it is ${expected === false ? 'sent as is' : expected}`, () => {
      expect(preferredEncoding(header)).to.equal(expected);
    });
  }
});

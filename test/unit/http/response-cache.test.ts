import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { ResponseCache } from '../../../server/http/response-cache.js';

/** A version source the test controls: each read waits until the test releases it. */
function controlledVersion() {
  let version = 1;
  let reads = 0;
  const waiting: (() => void)[] = [];
  return {
    read: () =>
      new Promise<number>((resolve) => {
        reads++;
        const seen = version;
        waiting.push(() => resolve(seen));
      }),
    releaseAll: () => waiting.splice(0).forEach((release) => release()),
    bump: () => version++,
    reads: () => reads,
    pending: () => waiting.length,
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('ResponseCache', () => {
  it('when many requests miss at once, then the page is produced once and all of them get it', async () => {
    let produced = 0;
    let arrived = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const cache = new ResponseCache({ readVersion: async () => 7 });
    const app = express().get('/page', (req, res) => {
      arrived++;
      return cache.send(req, res, 'page', async () => {
        produced++;
        await gate; // the render is still running when the other requests arrive
        return { type: 'text', body: 'the page' };
      });
    });
    const results = Promise.all(Array.from({ length: 8 }, () => request(app).get('/page')));
    await until(() => arrived === 8);
    await cache.currentVersion(); // a read that starts after all eight requests' reads: they have all looked by now
    openGate();
    expect((await results).map((r) => r.text)).to.deep.equal(Array(8).fill('the page'));
    expect(produced).to.equal(1);
  });

  it('when a request arrives while a version read is running, then it waits for a read that started after it', async () => {
    const version = controlledVersion();
    const cache = new ResponseCache({ readVersion: version.read });
    const first = cache.currentVersion();
    await until(() => version.pending() === 1);
    version.bump(); // a write commits while the first read is under way
    const second = cache.currentVersion();
    const third = cache.currentVersion();
    version.releaseAll();
    expect(await first).to.equal(1);
    await until(() => version.pending() === 1);
    version.releaseAll();
    expect(await second).to.equal(2);
    expect(await third).to.equal(2);
    expect(version.reads()).to.equal(2); // the two late callers shared one read
  });

  it('when the version moves, then the page is produced again; while it stays, it is served from memory', async () => {
    let version = 1;
    let produced = 0;
    const cache = new ResponseCache({ readVersion: async () => version });
    const app = express().get('/page', (req, res) => cache.send(req, res, 'page', async () => ({ type: 'text', body: `render ${++produced}` })));
    expect((await request(app).get('/page')).text).to.equal('render 1');
    expect((await request(app).get('/page')).text).to.equal('render 1');
    version++;
    expect((await request(app).get('/page')).text).to.equal('render 2');
  });

  it('when more pages are stored than allowed, then the least recently used one is dropped', async () => {
    let produced = 0;
    const cache = new ResponseCache({ readVersion: async () => 1, maxEntries: 2 });
    const app = express().get('/:page', (req, res) =>
      cache.send(req, res, String(req.params.page), async () => ({ type: 'text', body: `${req.params.page} ${++produced}` })),
    );
    await request(app).get('/a');
    await request(app).get('/b');
    await request(app).get('/a'); // a is now the most recently used
    await request(app).get('/c'); // drops b
    expect((await request(app).get('/a')).text).to.equal('a 1');
    expect((await request(app).get('/b')).text).to.equal('b 4');
  });
});

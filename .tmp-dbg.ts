import { generateScenario } from './test/fixtures/scenario-generator.js';
import { createInMemoryReplay } from './test/helpers/in-memory-context.js';
import { words } from './server/integrity/text-fingerprint.js';
const [seed, id, phrase] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const { events } = generateScenario({ seed, scale: 1 });
const r = createInMemoryReplay();
for (const e of events) { if (e.type === 'review' && e.id === id) break; r.apply(e as any); }
const ev: any = events.find((e: any) => e.id === id);
const sub: any = { id, kind: 'review', accountId: ev.accountId, productId: ev.productId, merchantId: 'x', orderId: null, orderAt: null, rating: ev.rating, title: ev.title, body: ev.body, at: new Date(ev.at), ip: ev.ip, userAgent: ev.userAgent, incentive: null };
const ctx = r.contextFor(sub);
const pool = [...ctx.textCandidates, ...ctx.linkedAccounts.flatMap((l) => l.reviews)];
console.log('textCandidates', ctx.textCandidates.length, ctx.capped);
for (const p of pool) if (` ${words(p.title + '\n' + p.body).join(' ')} `.includes(` ${phrase} `)) console.log(p.id, p.accountId, p.productId, p.status, p.at.toISOString().slice(0, 10));

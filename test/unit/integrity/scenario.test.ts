import { expect } from 'chai';
import { generateScenario } from '../../fixtures/scenario-generator.js';
import { createInMemoryReplay } from '../../helpers/in-memory-context.js';
import { formatScore, scoreVerdicts } from '../../../scripts/score-replay.js';

const SEEDS = [7, 11];

describe('synthetic scenario through the in-memory pipeline', function () {
  this.timeout(30_000);
  for (const seed of SEEDS) {
    it(`when seed ${seed} is replayed, then recall and false-hold targets are met`, () => {
      const { events, truth } = generateScenario({ seed });
      const replay = createInMemoryReplay();
      for (const e of events) replay.apply(e);
      const s = scoreVerdicts(replay.verdicts(), truth);
      const msg = `\n${formatScore(s)}`;
      expect(s.recall.sockpuppet!.rate, msg).to.be.at.least(0.95);
      expect(s.recall.paid!.rate, msg).to.be.at.least(0.9);
      expect(s.recall.insider!.rate, msg).to.equal(1);
      expect(s.recall.incentive_conditional!.rate, msg).to.be.at.least(0.9);
      expect(s.recall.incentive_disclosed!.rate, msg).to.equal(1);
      expect(s.genuineFalseHold.rate, msg).to.be.at.most(0.02);
      expect(s.lowHighRatio, msg).to.not.equal(null);
      expect(s.lowHighRatio!, msg).to.be.at.most(1.2);
    });
  }
});

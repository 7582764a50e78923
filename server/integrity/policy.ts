// Thresholds, weights and context limits in one versioned object, so every verdict can name the policy
// that produced it and storage fetches exactly the windows the checks expect.
import type { Family, Label, LinkKind } from './types.js';
import type { RewardGrammarLimits, RewardStanceLimits } from './reward-grammar.js';
import type { ChanceLimits } from './text-chance.js';

export interface LabelThresholds {
  /** Score at which the label is attached (a published review may carry it, e.g. a disclosed incentive). */
  label: number;
  /** Score at which the review is held for a moderator. */
  hold: number;
  /** Score at which the review is rejected outright (> 1 means never automatically). */
  reject: number;
}

export interface ContextLimits {
  /** Bursts, cohorts and window templates: reviews of the product with at within ± this many days of the submission. */
  burstWindowDays: number;
  /**
   * productRecentReviews: reviews of the product within ± this many days (≥ burstWindowDays; the reviewer-pool test
   * looks at everyone who reviewed the product within graph.coReviewDays, each check filters its own window).
   */
  productWindowDays: number;
  /** product.daily: the days [day(at) − productDailyDays, day(at)]. */
  productDailyDays: number;
  accountReviewsCap: number;
  textCandidatesCap: number;
  /** Text candidates read per LSH band or sentence key at most (a stock sentence is shared by very many reviews). */
  textKeyFanoutCap?: number;
  linkedAccountsCap: number;
  /** Reviews kept per linked account, newest first. */
  linkedReviewsCap: number;
  /** Reviews kept per account in reviewerHistories, newest first. */
  reviewerHistoriesCap: number;
  /** Accounts in reviewerHistories. */
  reviewerHistoriesAccountsCap: number;
  /** Identifier values shared by more accounts than this carry no information and are skipped. */
  commonIdentifierAccountLimit: number;
  /**
   * A /24 skipped as common still links accounts opened in one batch with the author: created within this many
   * hours of the author's account, first seen on that /24 in the same window.
   */
  creationBurstHours: number;
  /** ... and only when at most this many accounts form that batch (a carrier range opens more accounts than that). */
  creationBurstAccountLimit: number;
  /** accountRecentPosts: posts in this many hours before at. */
  recentPostsHours: number;
  /** productRecentReviews cap (closest in time first). */
  productRecentCap: number;
}

export interface Policy {
  version: string;
  /** Per-signal weight: the strength (0..1) of a signal is multiplied by this. */
  weights: Record<string, number>;
  thresholds: Record<Label, LabelThresholds>;
  /**
   * Labels that need corroboration, the families that count, and how strong a family must be to count.
   * `directSignals` are direct evidence (like a duplicate or an insider): one of them at ≥ minFamilyScore
   * corroborates its label alone.
   */
  corroboration: {
    labels: Label[];
    families: Family[];
    minFamilies: number;
    minFamilyScore: number;
    directSignals: string[];
    /**
     * Coordination needs linkage or direction, not only "wrote about the same thing at the same time": among the
     * agreeing families at least one of these signals (shared identifiers, creation batches beyond the sign-up
     * rate, order timing, automation, pools beyond chance across merchants, lock-step) must reach minFamilyScore.
     * Text similarity, bursts and same-shop pool overlap can add to a score but never hold a review between them.
     */
    linkageSignals: string[];
    /**
     * Linkage strong enough to stand alone at this weight or more: a pool of accounts reviewing products of several
     * unrelated merchants far beyond chance is the shape of a farm serving clients, whatever the wording.
     */
    strongLinkageSignals: string[];
    strongLinkageMinWeight: number;
    /**
     * Linkage signals that link only from this weight on (others from minFamilyScore): an order placed within minutes
     * of the review says the order was made for the review; one or two hours before it is also a same-day pickup, so it
     * adds to the score but links nothing. Optional for policies written before 2026.25.
     */
    linkageMinWeights?: Record<string, number>;
    /**
     * Evidence of acting together that does not say whose hand it is (one operator's accounts, or hired writers): a
     * window's shared template, a burst of new accounts, a cohort of fresh ones. Reported under the label its signal
     * names, it also counts as a family for the other label of `labels` when most of the accounts it names are ones that
     * label's own linkage ties to the author (assess.ts, scoreLabels); each label still needs its own linkage.
     */
    sharedCoordinationSignals: string[];
    /** ... when at least this share of the accounts it names are among them. */
    sharedCoordinationMinLinkedShare: number;
    /**
     * Linkage that names a place, not a hand: reviewers on one network beyond chance (a rented block, but also one
     * region's buyers of a batch with a defect). Its accounts do not count towards that share. Optional for policies
     * written before 2026.24.
     */
    sharedCoordinationPlaceLinkage?: string[];
    /**
     * Identifier kinds that name a place (a /24 network): accounts linked to the author by these alone are listed as
     * `placeOnly` in shared-identity's evidence and do not count towards that share either, when at least
     * placeMinOutsideShare of the value's holders in the shop are outside the linked group (a provider's network that
     * the region uses; a block only the group uses is theirs, not a place). Optional before 2026.26.
     */
    sharedCoordinationPlaceIdentifiers?: string[];
    placeMinOutsideShare?: number;
  };
  /** Account facts (weak modifiers and mitigations): ages, rates, histories. */
  account: {
    /** Rating enters only as a symmetric modifier: distance from the product mean (needs this many reviews) ... */
    ratingModifierMinProductReviews: number;
    /** ... and the share of extreme ratings in the account's history (needs this many ratings). */
    ratingModifierMinAccountRatings: number;
    ratingDeviationWeight: number;
    ratingDeviationScale: number;
    extremeRatingWeight: number;
    /** The ratings counted as extreme (both ends of the scale, so 1★ and 5★ are treated alike). */
    extremeRatings: number[];
    newAccountDays: number;
    veryNewAccountDays: number;
    newAccountStrength: number;
    veryNewAccountStrength: number;
    highRateMinReviewsPerWeek: number;
    highRateMinPerDay: number;
    highRateFullPerDay: number;
    /** A verified order placed days before: mitigation growing from its base strength to full at fullDays. */
    verifiedOrderFullDays: number;
    mitigationBase: number;
    establishedMinPublished: number;
    establishedMinAgeDays: number;
    establishedMinSpanDays: number;
    establishedFullReviews: number;
    establishedFullSpanDays: number;
  };
  /** Shared identifiers between accounts (shared-identity). */
  identity: {
    /** How much one shared identifier says about "same person": a mailbox or device is personal, a network is not. */
    linkStrength: Record<LinkKind, number>;
    /** Accounts created within createdTogetherDays of each other: a shared value says this much more. */
    createdTogetherBoost: number;
    /** Accounts opened within this many days of each other count as "created together" (with a personal link). */
    createdTogetherDays: number;
    /**
     * Accounts tied only by a /24, an uncommon browser build, or both count as created together only when the
     * coincidence is improbable in this shop: the Poisson tail P(X ≥ observed), X the number of the shop's accounts
     * opened around the author's that share the values by chance (times the windows tried), at most this.
     */
    createdTogetherMaxTail: number;
    /**
     * Accounts sharing an exact address and opened within createdTogetherDays of each other are one person unless the
     * shop's other accounts share that address too (a carrier's NAT, a dorm, an office): the expected number of accounts
     * opened around the author's holding it by chance is (sign-ups in the window − 1) × (its holders outside the
     * window + 1) / (the shop's accounts outside the window + 1), and the link stays "created together" while the Poisson
     * tail of the observed count (times the windows tried) is at most this. An address is personal by nature, so the bar
     * is lower than createdTogetherMaxTail's: one home's address held by its own two accounts passes, a shared one does not.
     */
    createdTogetherAddressMaxTail: number;
    /**
     * Address pools: a provider that hands its addresses round (dynamic lines, a small carrier pool) puts strangers on one
     * exact address. For the author's shared address, the shop's accounts opened outside createdTogetherDays of the
     * author that used the address's provider block give its holdings H (account × address) and distinct addresses D;
     * when H ≥ poolMinHoldings and D < H, the pool's size N is the occupancy estimate (N·(1 − (1 − 1/N)^H) = D). The
     * accounts opened within the window then hold a chance of (their holdings in the block) × (the author's addresses in
     * it) / N of sharing one of the author's addresses, and the address stays "created together" only while that Poisson
     * tail (times the device factor) is at most createdTogetherAddressMaxTail too. A block with more than
     * poolHoldingsCap holdings is not counted (the storage reads no more; such a provider's addresses have holders of
     * their own, which the test above already counts).
     */
    poolMinHoldings: number;
    poolHoldingsCap: number;
    /** A linked account that reviewed only other products of this merchant counts this much of one on this product. */
    sameMerchantFactor: number;
    /** Second and later linked accounts count this much each (a household has two or three people). */
    furtherAccountFactor: number;
    createdTogetherBase: number;
    createdTogetherPerAccount: number;
    /**
     * A family computer: two accounts on one device, or opened together on one address, are linked as a household (not
     * as one person, for timing evidence) when neither shares the other's mailbox and each has at least this many reviews
     * backed by an order of its own placed days before: that they reviewed the same products is explained by their own
     * purchases. The identity evidence (shared address, opened together) still counts.
     */
    householdMinOwnOrders: number;
  };
  /** Linked accounts reviewing the same products at nearly the same time (linked-co-review). */
  linkedTiming: {
    /** Personal links: co-reviews within this many days. */
    strongWindowDays: number;
    /** Shared network only: co-reviews within this many hours, on two products ... */
    weakWindowHours: number;
    /** ... or one product within this many hours from the same browser build. */
    weakSingleProductHours: number;
    /** Strength by the closest gap: within closeHours, within nearHours, farther. */
    closeHours: number;
    closeStrength: number;
    nearHours: number;
    nearStrength: number;
    farStrength: number;
    perExtraAccount: number;
    perExtraProduct: number;
  };
  /** The author's own posting pace (posting-rate, inhuman-posting-rate, typing-speed, order-minutes-before-review). */
  posting: {
    /** A fast typist sustains about this many characters a second; beyond it a text was prepared elsewhere. */
    humanCharsPerSecond: number;
    /** Busy but possible: more than `max` posts within `minutes`. */
    limits: { minutes: number; max: number }[];
    inhumanMinPosts: number;
    inhumanRunMinutes: number;
    inhumanBase: number;
    inhumanPerPost: number;
    inhumanPerDoubling: number;
    rateBase: number;
    ratePerExcess: number;
    typingMinCharacters: number;
    typingBase: number;
    typingSpan: number;
    typingFullDoublings: number;
    orderMaxMinutes: number;
    orderStrongMinutes: number;
    orderWeakStrength: number;
    postIdsShown: number;
  };
  /** Review bursts against the product's own rate, and fresh-account cohorts. */
  burst: {
    /** Daily rate assumed for a product with too short a history (launches are bursty: a generous prior). */
    priorDailyRate: number;
    minBaselineDays: number;
    minObserved: number;
    minSurpriseLog10: number;
    surpriseSpanLog10: number;
    ratingShiftWeight: number;
    ratingShiftScale: number;
    ratingShiftMinProductReviews: number;
    /** Accounts with this many published reviews at least establishedMinDays old are not part of a burst. */
    establishedMinReviews: number;
    establishedMinDays: number;
    cohortFreshAccountDays: number;
    cohortCreationDays: number;
    cohortMinAccounts: number;
    cohortMinShare: number;
    cohortBase: number;
    cohortPerAccount: number;
    cohortPerShare: number;
  };
  /** Reviewer pools compared with chance (product popularity in the shop). */
  graph: {
    /** Two accounts co-review a product when their reviews of it are this close in time ... */
    coReviewDays: number;
    /** ... and both fall within this many days of the submission (also the popularity window, ± this many days). */
    campaignDays: number;
    /** Overlap beyond chance: −log10 of the Poisson tail, after a Bonferroni correction for the accounts tested, of at least this. */
    minSurpriseLog10: number;
    /** The surprise at which the signal reaches full strength. */
    fullSurpriseLog10: number;
    /** A pool beyond chance over products of at least this many merchants is linkage (a farm serving clients). */
    crossMerchantMinMerchants: number;
    lockstepMinProducts: number;
    lockstepDays: number;
    lockstepMinAccounts: number;
    /** Strength of a pool beyond chance: base + span × (surprise − min) / (full − min) + perExtraAccount per account beyond two. */
    strengthBase: number;
    strengthSpan: number;
    perExtraAccount: number;
    lockstepBase: number;
    lockstepPerAccount: number;
    lockstepPerProduct: number;
    /**
     * The pool test also tests the product's reviewers within ± this many days (beyond context.productWindowDays), up to
     * poolReviewersCap accounts, closest in time first (poolReviewerHistories). Optional before 2026.29.
     */
    poolProductDays?: number;
    poolReviewersCap?: number;
    /**
     * A review whose pool test could use the wider set (the author reviewed another product within campaignDays) is
     * checked again when ± poolProductDays has closed: at posting time the later half of that window is not there yet,
     * and a pool's accounts reach the other products over the following weeks. Optional before 2026.32.
     */
    recheckPoolAtWindowClose?: boolean;
    /**
     * The wider test counts a product only from this surprise on (minSurpriseLog10 otherwise): testing many more accounts
     * finds chance co-reviews of a few regular customers at 1 in 100 in every busy shop; a campaign's are far rarer.
     */
    poolWideMinSurpriseLog10?: number;
  };
  /** Links to the merchant's declared staff (office network, sign-up address, managed browser build). */
  insider: {
    /** Strength of one shared identifier with staff, by kind (a /24 or a browser build only when specific, below). */
    linkStrength: Record<LinkKind, number>;
    /** A shared ip counts when at most this many accounts hold it (an office), ... */
    officeMaxHolders: number;
    /** ... or when at least this share of its holders are the merchant's staff. */
    minStaffShare: number;
    /** A browser build counts when at most this many accounts in the shop use it (a managed build, not a release). */
    uncommonBuildMaxHolders: number;
    /** ... and at least this share of those accounts are the merchant's staff. */
    minStaffShareOfBuild: number;
    /**
     * ... and at least this many of the merchant's staff hold it. A build one member of staff holds is that person's
     * own browser (a phone model and its system version), not a build the business manages; a customer with the same
     * phone is chance. The likelihood-ratio path asks the same (the staff rate beyond the first holder). Absent before
     * integrity-2026.36 (then 1).
     */
    minStaffHoldersOfBuild?: number;
    /**
     * An exact address is judged with its /24 too: when the /24 has been seen with more accounts than an office
     * (officeMaxHolders) and the merchant's staff are under minStaffShare of them, it is a public network (a mobile
     * carrier's NAT pool, a campus), where strangers share addresses with staff by chance. Absent before
     * integrity-2026.36 (then the address alone is judged).
     */
    judgeAddressByItsBlock?: boolean;
    /**
     * A build held by at most this many accounts is counted by independent sources, not accounts: holders sharing an
     * address or a /24 (one office's colleagues) are one source. Beyond it the build is a release and counts by accounts.
     */
    buildSourcesMaxHolders: number;
    /** A mailbox domain containing the merchant's domain name (hyphens dropped) of at least this many letters ... */
    lookalikeMinLength: number;
    /** ... is insider evidence of this strength. */
    lookalikeStrength: number;
  };
  /** Accounts created together, compared with the shop's sign-up rate at that time. */
  signups: {
    nearMinutes: number;
    baselineHours: number;
    /** At least this many reviewers of the product in the burst window (the author included) opened within nearMinutes of the author. */
    minBatch: number;
    minSurpriseLog10: number;
    fullSurpriseLog10: number;
    strengthBase: number;
    strengthSpan: number;
  };
  /**
   * Several weak links between two accounts combined against chance (signals/weak-links.ts). Each mark is a factor of
   * a likelihood ratio: how often one operator's accounts show it (`linkedShare`) against how often two accounts
   * of this shop show it by chance (from the shop's counts). Log-ratios add up; a pair is linked from `minLogOdds`
   * plus the log of the accounts tested.
   */
  weakLinks: {
    linkedShare: { creation: number; email: number; ua: number; subnet: number };
    /**
     * Accounts opened within this many minutes of each other show the creation mark (chance: the sign-up rate around the
     * author times the window); gaps up to signups.baselineHours and identity.createdTogetherDays show it too, with the
     * share of the shop's accounts opened within that window as its chance.
     */
    creationMinutes: number;
    /** E-mail local-part patterns (digits masked) at least this Jaro–Winkler-similar, of at least minEmailPattern characters. */
    emailMinSimilarity: number;
    minEmailPattern: number;
    /** Chance that two unrelated accounts have local-part patterns that similar. */
    emailPriorShare: number;
    /**
     * An e-mail's opening as compared (emailStem): its first word when it has at least emailWordLetters letters
     * ("cozy.…", "daily.…"), else its first emailStemLetters letters ("hones…" of "honestdoug013").
     */
    emailStemLetters: number;
    emailWordLetters: number;
    /** A single factor's log-ratio is capped here: one rare value is not several links. */
    maxFactorLogOdds: number;
    minFactors: number;
    minLogOdds: number;
    fullLogOdds: number;
    strengthBase: number;
    strengthSpan: number;
    perExtraAccount: number;
    /**
     * Accounts already linked to the author by a shared identifier are tested also when they reviewed another product of
     * the same merchant within ± this many days: a ring serving one merchant spreads over its products rather than pile
     * onto one. Optional before 2026.31 (then only this product's reviewers).
     */
    merchantWindowDays?: number;
  };
  /**
   * Rings and insiders that look different (h9ring): evidence compared with this shop's own base rates.
   */
  rings: {
    /**
     * A browser build staff use is a managed build when it is this many times likelier among the merchant's declared
     * staff than among the shop's other accounts (other holders ÷ other accounts). The staff's rate leaves out the one
     * staff member whose build matched the author's (that is why we look): (staff holding it − 1) ÷ (staff − 1).
     */
    staffBuildMinLikelihoodRatio: number;
    /** Look-alike domains: at most this many edits (after folding look-alike characters) from the merchant's name. */
    lookalikeMaxEdits: number;
    /**
     * Personally linked accounts reviewing other products of the same merchant within linkedTiming.strongWindowDays
     * (signals/merchant-co-review.ts): the likelihood ratio against the merchant's share of the shop's reviews must
     * reach minLikelihoodRatio; strength runs from strengthBase there to strengthBase + strengthSpan at fullLikelihoodRatio.
     */
    merchantCoReview: { minLikelihoodRatio: number; fullLikelihoodRatio: number; strengthBase: number; strengthSpan: number };
    /**
     * Several reviewers of one product in the window on the author's /24 (signals/network-concentration.ts): Poisson
     * tail against the /24's holders among the shop's accounts, at most maxTail; strength from strengthBase there to
     * strengthBase + strengthSpan at a tail of 10^-fullSurpriseLog10.
     */
    network: { maxTail: number; fullSurpriseLog10: number; strengthBase: number; strengthSpan: number };
  };
  text: {
    /** Below this many words a text carries too little to compare across accounts. */
    minWordsAcrossAccounts: number;
    /** Below this many words repeating a text is not treated as a duplicate (people do write "Great product" twice). */
    minWordsDuplicate: number;
    /** A body repeated under a different title is a duplicate from this many body words on (one stock sentence is not). */
    minWordsBodyDuplicate: number;
    nearDuplicateJaccard: number;
    duplicateJaccard: number;
    sharedPhraseMinWords: number;
    /** The reward grammar (reward-grammar.ts): how far a reward may stand from the condition or purpose it is joined to. */
    reward: Omit<RewardGrammarLimits, keyof RewardStanceLimits>;
    /** Shared wording against chance in this shop (text-chance.ts): keys, smoothing and the surprise line. */
    chance: ChanceLimits;
    /** Shared phrases, near-duplicates and window templates (signals/text-similarity.ts): sizes and strength shapes. */
    similarity: {
      /** Words per shingle for Jaccard similarity (the MinHash bands use 3-word shingles too). */
      shingleWords: number;
      /** Content words a shared phrase needs to be a fingerprint. */
      contentWordsPerPhrase: number;
      /** Shared phrases kept per matching review. */
      phrasesPerMatch: number;
      /** One shared phrase counts from this many words; shorter ones only when there are minPhrasesWhenShort of them. */
      rarePhraseWords: number;
      minPhrasesWhenShort: number;
      /**
       * Common language: used by ≥ commonMinAccounts unlinked accounts on ≥ commonMinProducts products, thinly
       * (≤ commonMaxAccountsPerGroup per product group of commonGroupGapDays).
       */
      commonMinProducts: number;
      commonMinAccounts: number;
      commonMaxAccountsPerGroup: number;
      commonGroupGapDays: number;
      /** Scattered matches are weighed by this (0.4 × at most 0.45 stays under corroboration.minFamilyScore). */
      scatteredFactor: number;
      /**
       * A phrase shared with a linked account (a household, an office, a dorm, a carrier's NAT, or one person's second
       * account) is one writer's unless chance in this shop explains it: kept while its Poisson tail is at most this. A
       * pair's observed count of one can reach text.chance.maxTailProbability only on a product with a handful of
       * reviews, so the line for a pair is higher; above it the product's wording or its independent reviewers
       * explain the phrase (a defect everyone describes).
       */
      sharedNetworkPhraseMaxTail: number;
      /** Window template: phrase length, accounts and share of the window's accounts. */
      templatePhraseWords: number;
      templateMinAccounts: number;
      templateMinShare: number;
      /** Strengths: near-duplicate = base + (similarity − nearDuplicateJaccard) + perAccount × (accounts − 1). */
      nearDuplicateBase: number;
      nearDuplicatePerAccount: number;
      /** templated-across-products from this many other products: base + perProduct × products. */
      acrossProductsMinProducts: number;
      acrossProductsBase: number;
      acrossProductsPerProduct: number;
      /** shared-rare-phrase = (longest − baseWords) / wordsScale + perExtraPhrase × (phrases − 1) + perExtraAccount × (accounts − 1). */
      phraseBaseWords: number;
      phraseWordsScale: number;
      phrasePerExtraPhrase: number;
      phrasePerExtraAccount: number;
      /** window-template = base + shareScale × (share − templateMinShare) + perExtraAccount × (accounts − templateMinAccounts). */
      templateBase: number;
      templateShareScale: number;
      templatePerExtraAccount: number;
    };
    /** The text model's score above which it is a hint; strength grows linearly from there to 1. */
    modelScoreFloor: number;
    /**
     * Copied text (signals/copied-text.ts): at least minOtherAccounts other accounts posted, on this product within
     * windowDays, a review sharing at least minSharedShingles three-word shingles with this one and a Jaccard similarity
     * of at least minJaccard, repeating at least minSharedSentences of its sentences (a sentence is repeated when a
     * minJaccard share of its shingles is in the other review); it counts when the rarest shared run's Poisson tail is
     * at most maxTail. Strength =
     * strengthBase + strengthSpan × the surprise below maxTail (text.chance.minTailProbability is full) + perExtraAccount
     * × (accounts − minOtherAccounts).
     */
    copy: {
      windowDays: number;
      minJaccard: number;
      minSharedShingles: number;
      /** Each copy beyond minOtherAccounts lowers the shared runs needed by this many, to minSharedShinglesFloor. */
      sharedShinglesPerExtraCopy?: number;
      minSharedShinglesFloor?: number;
      minSharedSentences: number;
      minOtherAccounts: number;
      maxTail: number;
      strengthBase: number;
      strengthSpan: number;
      perExtraAccount: number;
      /**
       * One other customer's earlier review of the product copied nearly whole by one account ('copied-review',
       * duplicate; signals/copied-text.ts): at least minSharedShingles runs of words in common, minJaccard of them
       * shared, minSharedSentences of the review's sentences, and the rarest shared phrase's Poisson tail for one
       * account at most maxTail. Absent before integrity-2026.35.
       */
      single?: { minJaccard: number; minSharedShingles: number; maxTail: number };
    };
    /** Sentence skeletons (function words kept, content words masked) shared in a product's review window. */
    skeleton: {
      /** Accounts that must share skeletons with the submission. */
      minAccounts: number;
      /** Distinct skeletons an account must share with the submission to count (one shared sentence shape is chance). */
      minSharedPerAccount: number;
    };
  };
  /**
   * The reward grammar's reading of the writer's stance and of misspelt grammar words (h9offer, reward-grammar.ts);
   * read together with text.reward through rewardGrammarLimits(policy).
   */
  rewards: RewardStanceLimits;
  context: ContextLimits;
  /** Review photos (signals/same-photo.ts). Optional so that a policy written before photos existed still loads. */
  photos?: PhotoPolicy;
  /** Farms that share no identifier: orders and reviews placed together beyond the shop's delays (signals/order-cohort.ts). */
  farms?: FarmPolicy;
  /** Slow-drip rings: the product's reviewers over months on the author's provider block and build (signals/neighbourhood-drip.ts). */
  drift?: DriftPolicy;
  /** Accounts opened hours before an unverified review, crowding one product (signals/throwaway-cohort.ts). Optional before 2026.27. */
  throwaways?: ThrowawayPolicy;
  /** Reviewers of a product whose e-mail addresses share the author's shape beyond chance (signals/email-pattern-group.ts). Optional before 2026.28. */
  emailGroups?: EmailGroupPolicy;
}

// ---- E-mail pattern groups (h9mail): accounts one script opened, by the shape of their addresses ----------------
export interface EmailGroupPolicy {
  /** Weight of 'email-pattern-group' (sockpuppet, identity family, linkage): strength × weight. */
  weight: number;
  /** The product's reviewers within ± windowDays of the review are tested. */
  windowDays: number;
  /** At least this many accounts (the author included) must share the shape. */
  minAccounts: number;
  /**
   * Among the other reviewers on the author's e-mail domain, those with the author's address shape, against the share
   * of the domain's accounts with that shape (binomial tail): at most maxTail. A domain whose accounts all share one
   * shape (a campus's or a company's scheme) says nothing by it.
   */
  maxTail: number;
  /** Strength = base + span × (surprise − minimum) ÷ (full − minimum), surprise = −log10 of the tail. */
  strengthBase: number;
  strengthSpan: number;
  fullSurpriseLog10: number;
  /** The domain's accounts are counted up to this many. */
  domainHoldersCap: number;
  /** A shape held by this many accounts or more is not counted exactly (holders are counted up to 1000): it is not tested. */
  maxShapeHolders: number;
}

export const defaultEmailGroupPolicy: EmailGroupPolicy = {
  weight: 0.75,
  windowDays: 3,
  minAccounts: 3,
  maxTail: 1e-6,
  strengthBase: 0.5,
  strengthSpan: 0.5,
  fullSurpriseLog10: 12,
  domainHoldersCap: 100_000,
  maxShapeHolders: 1000,
};
// ---- end of e-mail pattern groups ----------------------------------------------------------------------------

// ---- Throwaway accounts (h9crude): opened hours before an unverified review, many on one product at once -------
export interface ThrowawayPolicy {
  /** Weight of 'throwaway-cohort' (paid, identity family, a direction signal): strength × weight. */
  weight: number;
  /** A review is a throwaway account's when it has no order and its account was opened at most this many hours before it. */
  accountHours: number;
  /** The product's reviewers within ± windowDays of the review are tested. */
  windowDays: number;
  /** The shop's share of such reviews is read from its this many most recent reviews, smoothed: (k + 1) ÷ (n + 2). */
  baselineSize: number;
  /** At least this many of the window's reviewers (the author included), and this share of them, must be throwaway accounts. */
  minAccounts: number;
  minShare: number;
  /**
   * The other reviewers' throwaways against the shop's share (binomial tail; the author is why the product is looked at,
   * so it is not counted): surprise = −log10 of the tail, at least minSurpriseLog10.
   * Strength = base + span × (surprise − minimum) ÷ (full − minimum).
   */
  minSurpriseLog10: number;
  fullSurpriseLog10: number;
  strengthBase: number;
  strengthSpan: number;
}

export const defaultThrowawayPolicy: ThrowawayPolicy = {
  weight: 0.6,
  accountHours: 24,
  windowDays: 1,
  baselineSize: 1000,
  minAccounts: 3,
  minShare: 0.5,
  minSurpriseLog10: 4,
  fullSurpriseLog10: 8,
  strengthBase: 0.5,
  strengthSpan: 0.5,
};
// ---- end of throwaway accounts ------------------------------------------------------------------------------

// ---- Slow drip (h9drip): one operator's accounts reviewing one product weeks apart (signals/neighbourhood-drip.ts) --
export interface DriftPolicy {
  /**
   * Weight of 'neighbourhood-drip' (sockpuppet, identity family): strength × weight. It links accounts only when strong
   * (corroboration.strongLinkageSignals, at strongLinkageMinWeight): below that it adds to a score other linkage decides.
   */
  weight: number;
  /** The product's reviewers within ± windowDays of the review are tested (a drip adds up over months, not within a burst window). */
  windowDays: number;
  /** At most this many of those reviews are loaded, closest in time first. */
  reviewsCap: number;
  /** A block or build held by this many accounts or more is not counted exactly (holders are counted up to 1000): it is not tested. */
  maxHolders: number;
  /** The Poisson tail of k reviewers on the author's block with the author's build, times the (block, build) pairs tested, must be at most this. */
  maxTail: number;
  /** Strength = base + span × (surprise − minimum) ÷ (full − minimum), surprise = −log10 of the tail. */
  strengthBase: number;
  strengthSpan: number;
  fullSurpriseLog10: number;
  /**
   * A (block, build) test whose tail is at most maxIdentityTail (short of maxTail or beyond it) is combined with the wording
   * the same accounts share with the review (Fisher's method, see signals/neighbourhood-drip.ts); absent: identity only.
   */
  wording?: { maxIdentityTail: number };
}

export const defaultDriftPolicy: DriftPolicy = {
  weight: 1,
  windowDays: 120,
  reviewsCap: 300,
  maxHolders: 1000,
  maxTail: 1e-4,
  strengthBase: 0.3,
  strengthSpan: 0.4,
  fullSurpriseLog10: 10,
  wording: { maxIdentityTail: 0.05 },
};

// ---- Review photos (h16c): the same picture posted by another account (signals/same-photo.ts) ----------------
export interface PhotoPolicy {
  /** Weight of 'same-photo' (sockpuppet, identity family): a personal photo links two accounts like a shared device. */
  weight: number;
  /**
   * Two photos are one picture when their 64-bit dHashes differ in at most this many bits. Re-encoding, resizing and
   * mild compression change 0–3 bits; different photos differ in about 32. Storage finds candidates by the hash's four
   * 16-bit quarters, which catches every pair within 3 bits: raising this above 3 needs more quarters in photo-hash.ts.
   */
  maxDistance: number;
  /**
   * A picture with almost no detail (a plain colour, a blank wall, a smooth gradient) hashes to nearly all zeros or
   * all ones, like every other such picture: hashes with fewer than this many bits of one kind are not compared.
   */
  minDetailBits: number;
  /** Strength of an identical hash, and of a near one (distance 1..maxDistance). */
  exactStrength: number;
  nearStrength: number;
  /** Added per further account whose review carries the same photo. */
  perExtraAccount: number;
  /** Other reviews' photo candidates (other accounts' and the author's own) read per check at most. */
  candidatesCap: number;
  /**
   * Weight of 'photo-reused' (duplicate): the author's photo again with a review of another product. Below the
   * duplicate hold line on purpose: alone it labels nothing; with repeated text it adds up.
   */
  reuseWeight: number;
}

export const defaultPhotoPolicy: PhotoPolicy = {
  weight: 0.75,
  maxDistance: 3,
  minDetailBits: 8,
  exactStrength: 0.8,
  nearStrength: 0.65,
  perExtraAccount: 0.1,
  candidatesCap: 50,
  reuseWeight: 0.4,
};
// ---- end of review photos -------------------------------------------------------------------------------------

// ---- Paid farms without shared identifiers (h9paid): direction from order and review timing ------------------
export interface FarmPolicy {
  /** Weight of 'order-review-cohort' (paid, timing family, a direction signal): strength × weight. */
  weight: number;
  /** The shop's delay distribution: the order→review delays of this many most recent verified reviews of the shop. */
  delaySampleSize: number;
  /** Fewer delays than this: the shop's habits are unknown and the check stays silent. */
  delaySampleMinimum: number;
  /** Each delay is smoothed over ± this much in natural-log hours (0.25 ≈ ± 28%): a sample is not the distribution. */
  delayLogWidth: number;
  /** Delays shorter than this many hours are counted as this long (a log scale needs a floor). */
  delayFloorHours: number;
  /**
   * The reviews-together test is repeated with the shop's delays shifted (steps of delayShiftStep in natural-log hours)
   * by every amount that puts the group's median delay between these two quantiles of the shop's delays, and the least
   * surprising result counts: a product whose buyers all review quickly (a launch) is not a group for that reason.
   */
  shiftQuantiles: [number, number];
  delayShiftStep: number;
  /** Orders within ± orderBandHours of the author's order, reviews within ± reviewBandHours of the author's review. */
  orderBandHours: number;
  reviewBandHours: number;
  /** Other accounts that must have ordered and reviewed together with the author (fewer is no group). */
  minOthers: number;
  /**
   * The orders-together test is also run against the product's own order rate: its other orders within ± orderBandHours of
   * the author's order against its orders over ± orderRateDays outside that band (a launch's or a sale's buyers order
   * in the same days because the product sells then). orderRatePseudoOrders is added to the orders outside the band,
   * so that a product with none is given a small rate, not a rate of 0.
   */
  orderRateDays: number;
  orderRatePseudoOrders: number;
  /**
   * The reviews-together test also asks the product's other buyers: those whose published reviews are in the window and
   * whose orders are more than bystanderOrderBands × orderBandHours from the author's. Each co-ordering buyer's chance of
   * a review in the band is at least the share of theirs that fell in it, smoothed towards the delay model by this many
   * pseudo-buyers (a launch whose pre-orders ship on one day brings everyone's reviews into the same days). Absent: the
   * delay model only.
   */
  bystanderPseudoBuyers?: number;
  /** Other buyers count for that share only when their order is beyond this many order bands from the author's. */
  bystanderOrderBands?: number;
  /** Each of the two tests (orders together given the reviews, reviews together given the orders) must be this improbable. */
  maxTail: number;
  /** Strength = base + span × (surprise − minimum) ÷ (full − minimum), surprise = −log10 of the product of both tails. */
  strengthBase: number;
  strengthSpan: number;
  fullSurpriseLog10: number;
}

export const defaultFarmPolicy: FarmPolicy = {
  weight: 0.6,
  delaySampleSize: 500,
  delaySampleMinimum: 50,
  delayLogWidth: 0.25,
  delayFloorHours: 1,
  shiftQuantiles: [0.25, 0.75],
  delayShiftStep: 0.25,
  orderBandHours: 24,
  reviewBandHours: 24,
  minOthers: 3,
  orderRateDays: 28,
  orderRatePseudoOrders: 0.5,
  bystanderPseudoBuyers: 4,
  bystanderOrderBands: 2,
  maxTail: 0.001,
  strengthBase: 0.5,
  strengthSpan: 0.5,
  fullSurpriseLog10: 12,
};
// ---- end of paid farms ----------------------------------------------------------------------------------------

export const defaultPolicy: Policy = {
  version: 'integrity-2026.36',
  weights: {
    // text family
    'duplicate-text': 0.95,
    'near-duplicate-text': 0.7,
    // Above the duplicate hold line and below its reject line: a moderator confirms which review is the original.
    'copied-review': 0.75,
    'shared-rare-phrase': 0.45,
    'templated-across-products': 0.6,
    'window-template': 0.5,
    'sentence-skeleton': 0.45,
    'copied-text': 1,
    // timing family
    'posting-rate': 0.7,
    'inhuman-posting-rate': 0.9,
    'typing-speed': 0.45,
    'order-minutes-before-review': 0.5,
    'review-burst': 0.65,
    'linked-co-review': 0.6,
    'linked-merchant-co-review': 1,
    'network-concentration': 1,
    'fresh-account-cohort': 0.5,
    // graph family
    'reviewer-pool-overlap': 0.7,
    'cross-merchant-pool': 1,
    // timing family, from the same co-review data: the pool moves in lock-step
    'pool-lockstep': 0.5,
    // identity family
    'shared-identity': 0.75,
    'accounts-created-together': 0.35,
    'creation-batch': 0.6,
    'weak-link-combination': 0.75,
    // account family (modifiers)
    'new-account': 0.15,
    'high-review-rate': 0.2,
    'one-review-account': 0.05,
    'verified-order-before': 0.15,
    'established-reviewer': 0.2,
    // incentive family
    'disclosed-incentive': 0.5,
    'undisclosed-reward-language': 0.5,
    'rating-conditioned-reward': 0.95,
    // a buyer reporting/refusing a seller's offer: evidence about the merchant, shown but never holding the review
    'reported-offer': 0,
    // insider family
    'declared-staff': 1,
    'merchant-domain-email': 0.9,
    'shares-identity-with-staff': 0.85,
    // model family
    'text-model': 0.2,
  },
  thresholds: {
    sockpuppet: { label: 0.5, hold: 0.5, reject: 1.01 },
    paid: { label: 0.5, hold: 0.5, reject: 1.01 },
    incentivized: { label: 0.3, hold: 0.8, reject: 1.01 },
    insider: { label: 0.5, hold: 0.5, reject: 1.01 },
    duplicate: { label: 0.6, hold: 0.6, reject: 0.9 },
  },
  corroboration: {
    labels: ['sockpuppet', 'paid'],
    families: ['identity', 'text', 'timing', 'graph'],
    minFamilies: 2,
    minFamilyScore: 0.2,
    directSignals: ['inhuman-posting-rate'],
    linkageSignals: [
      'shared-identity',
      'accounts-created-together',
      'linked-co-review',
      'linked-merchant-co-review',
      'network-concentration',
      'weak-link-combination',
      'creation-batch',
      'reviewer-pool-overlap',
      'cross-merchant-pool',
      'pool-lockstep',
      'order-minutes-before-review',
      'posting-rate',
      'inhuman-posting-rate',
      'typing-speed',
      'same-photo',
      'order-review-cohort',
      'drip-shared-wording',
      'throwaway-cohort',
      'email-pattern-group',
      'copied-text',
    ],
    // neighbourhood-drip is linkage only when strong: its chance model treats a product's buyers over 120 days as a random
    // sample of the shop's accounts, which regional buyers of one product need not be.
    // network-concentration is not strong linkage: a network many of the shop's accounts use names a place, and one
    // region's buyers of a faulty batch crowd onto it with no hand behind them (a regional complaint wave on C:342).
    // copied-text: a review of many sentences that other accounts repeat almost word for word, beyond chance, was written
    // once and handed out: direction, whatever the accounts' ages and orders.
    strongLinkageSignals: ['cross-merchant-pool', 'weak-link-combination', 'order-review-cohort', 'neighbourhood-drip', 'copied-text'],
    strongLinkageMinWeight: 0.5,
    // Full strength only within posting.orderStrongMinutes of the order (weight 0.5); the weaker reading up to
    // orderMaxMinutes adds to a score but links nothing.
    linkageMinWeights: { 'order-minutes-before-review': 0.5 },
    sharedCoordinationSignals: ['window-template', 'review-burst', 'fresh-account-cohort'],
    sharedCoordinationMinLinkedShare: 0.5,
    sharedCoordinationPlaceLinkage: ['network-concentration'],
    sharedCoordinationPlaceIdentifiers: ['ip_prefix'],
    placeMinOutsideShare: 0.5,
  },
  account: {
    ratingModifierMinProductReviews: 5,
    ratingModifierMinAccountRatings: 3,
    ratingDeviationWeight: 0.15,
    ratingDeviationScale: 4,
    extremeRatingWeight: 0.15,
    extremeRatings: [1, 5],
    newAccountDays: 14,
    veryNewAccountDays: 2,
    newAccountStrength: 0.3,
    veryNewAccountStrength: 0.6,
    highRateMinReviewsPerWeek: 6,
    highRateMinPerDay: 3,
    highRateFullPerDay: 10,
    verifiedOrderFullDays: 14,
    mitigationBase: 0.5,
    establishedMinPublished: 3,
    establishedMinAgeDays: 90,
    establishedMinSpanDays: 60,
    establishedFullReviews: 8,
    establishedFullSpanDays: 180,
  },
  identity: {
    linkStrength: { email_norm: 0.9, device: 0.85, ip: 0.35, ua: 0.15, ip_prefix: 0.12 },
    createdTogetherBoost: 0.4,
    createdTogetherDays: 2,
    createdTogetherMaxTail: 0.005,
    createdTogetherAddressMaxTail: 0.1,
    poolMinHoldings: 20,
    poolHoldingsCap: 2000,
    sameMerchantFactor: 0.5,
    furtherAccountFactor: 0.5,
    createdTogetherBase: 0.5,
    createdTogetherPerAccount: 0.25,
    householdMinOwnOrders: 1,
  },
  linkedTiming: {
    strongWindowDays: 10,
    weakWindowHours: 48,
    weakSingleProductHours: 6,
    closeHours: 12,
    closeStrength: 0.8,
    nearHours: 72,
    nearStrength: 0.55,
    farStrength: 0.35,
    perExtraAccount: 0.1,
    perExtraProduct: 0.1,
  },
  posting: {
    humanCharsPerSecond: 8,
    limits: [
      { minutes: 10, max: 3 },
      { minutes: 60, max: 8 },
      { minutes: 24 * 60, max: 30 },
    ],
    inhumanMinPosts: 4,
    inhumanRunMinutes: 10,
    inhumanBase: 0.6,
    inhumanPerPost: 0.1,
    inhumanPerDoubling: 0.2,
    rateBase: 0.4,
    ratePerExcess: 0.3,
    typingMinCharacters: 200,
    typingBase: 0.3,
    typingSpan: 0.7,
    typingFullDoublings: 3,
    orderMaxMinutes: 120,
    orderStrongMinutes: 30,
    orderWeakStrength: 0.6,
    postIdsShown: 10,
  },
  burst: {
    priorDailyRate: 0.5,
    minBaselineDays: 7,
    minObserved: 3,
    minSurpriseLog10: 2,
    surpriseSpanLog10: 4,
    ratingShiftWeight: 0.25,
    ratingShiftScale: 3,
    ratingShiftMinProductReviews: 5,
    establishedMinReviews: 3,
    establishedMinDays: 30,
    cohortFreshAccountDays: 60,
    cohortCreationDays: 10,
    cohortMinAccounts: 4,
    cohortMinShare: 0.4,
    cohortBase: 0.4,
    cohortPerAccount: 0.1,
    cohortPerShare: 0.6,
  },
  graph: {
    coReviewDays: 7,
    campaignDays: 180,
    minSurpriseLog10: 2,
    fullSurpriseLog10: 6,
    crossMerchantMinMerchants: 2,
    lockstepMinProducts: 3,
    lockstepDays: 3,
    lockstepMinAccounts: 2,
    strengthBase: 0.35,
    strengthSpan: 0.5,
    perExtraAccount: 0.05,
    lockstepBase: 0.5,
    lockstepPerAccount: 0.1,
    lockstepPerProduct: 0.1,
    poolProductDays: 21,
    poolReviewersCap: 100,
    recheckPoolAtWindowClose: true,
    poolWideMinSurpriseLog10: 4,
  },
  insider: {
    // A /24 alone is a neighbourhood as often as an office: it never links to staff.
    linkStrength: { email_norm: 1, device: 1, ip: 0.9, ip_prefix: 0, ua: 0.75 },
    officeMaxHolders: 30,
    minStaffShare: 0.15,
    uncommonBuildMaxHolders: 12,
    minStaffShareOfBuild: 0.3,
    minStaffHoldersOfBuild: 2,
    judgeAddressByItsBlock: true,
    buildSourcesMaxHolders: 100,
    lookalikeMinLength: 6,
    lookalikeStrength: 0.8,
  },
  signups: {
    nearMinutes: 30,
    baselineHours: 12,
    minBatch: 3,
    minSurpriseLog10: 3,
    fullSurpriseLog10: 6,
    strengthBase: 0.5,
    strengthSpan: 0.5,
  },
  weakLinks: {
    linkedShare: { creation: 0.5, email: 0.3, ua: 0.6, subnet: 0.5 },
    creationMinutes: 120,
    emailMinSimilarity: 0.92,
    minEmailPattern: 4,
    emailPriorShare: 0.01,
    emailStemLetters: 5,
    emailWordLetters: 4,
    maxFactorLogOdds: 6.9,
    minFactors: 2,
    minLogOdds: 9.2,
    fullLogOdds: 16,
    strengthBase: 0.4,
    strengthSpan: 0.3,
    perExtraAccount: 0.15,
    merchantWindowDays: 7,
  },
  rings: {
    staffBuildMinLikelihoodRatio: 250,
    lookalikeMaxEdits: 1,
    merchantCoReview: { minLikelihoodRatio: 20, fullLikelihoodRatio: 1000, strengthBase: 0.25, strengthSpan: 0.4 },
    network: { maxTail: 1e-4, fullSurpriseLog10: 10, strengthBase: 0.3, strengthSpan: 0.4 },
  },
  text: {
    minWordsAcrossAccounts: 12,
    minWordsDuplicate: 8,
    minWordsBodyDuplicate: 12,
    nearDuplicateJaccard: 0.45,
    duplicateJaccard: 0.8,
    sharedPhraseMinWords: 4,
    reward: { windowWords: 24, connectorGapWords: 4, negationWords: 4, sentenceHops: 1 },
    chance: {
      minContentWordLength: 3,
      skeletonMinWords: 7,
      skeletonMinFunctionWords: 3,
      maxKeysPerReview: 300,
      pseudoDocs: 0.5,
      pseudoReviews: 20,
      pairDependenceFloor: 0.5,
      maxTailProbability: 0.01,
      minTailProbability: 1e-9,
    },
    copy: {
      windowDays: 7,
      minJaccard: 0.6,
      minSharedShingles: 20,
      sharedShinglesPerExtraCopy: 2,
      minSharedShinglesFloor: 12,
      minSharedSentences: 3,
      minOtherAccounts: 2,
      maxTail: 1e-4,
      strengthBase: 0.5,
      strengthSpan: 0.4,
      perExtraAccount: 0.05,
      single: { minJaccard: 0.9, minSharedShingles: 20, maxTail: 1e-3 },
    },
    skeleton: { minAccounts: 3, minSharedPerAccount: 2 },
    similarity: {
      shingleWords: 3,
      contentWordsPerPhrase: 2,
      phrasesPerMatch: 3,
      rarePhraseWords: 7,
      minPhrasesWhenShort: 2,
      commonMinProducts: 4,
      commonMinAccounts: 4,
      commonMaxAccountsPerGroup: 1.5,
      commonGroupGapDays: 3,
      scatteredFactor: 0.4,
      sharedNetworkPhraseMaxTail: 0.1,
      templatePhraseWords: 5,
      templateMinAccounts: 3,
      templateMinShare: 0.34,
      nearDuplicateBase: 0.55,
      nearDuplicatePerAccount: 0.12,
      acrossProductsMinProducts: 2,
      acrossProductsBase: 0.4,
      acrossProductsPerProduct: 0.2,
      phraseBaseWords: 3,
      phraseWordsScale: 7,
      phrasePerExtraPhrase: 0.1,
      phrasePerExtraAccount: 0.1,
      templateBase: 0.4,
      templateShareScale: 1.2,
      templatePerExtraAccount: 0.05,
    },
    modelScoreFloor: 0.5,
  },
  rewards: { typoMinLetters: 5, stanceSentences: 1 },
  context: {
    burstWindowDays: 3,
    productWindowDays: 7,
    productDailyDays: 60,
    accountReviewsCap: 200,
    textCandidatesCap: 50,
    textKeyFanoutCap: 500,
    linkedAccountsCap: 50,
    linkedReviewsCap: 20,
    reviewerHistoriesCap: 50,
    reviewerHistoriesAccountsCap: 60,
    commonIdentifierAccountLimit: 8,
    creationBurstHours: 48,
    creationBurstAccountLimit: 12,
    recentPostsHours: 24,
    productRecentCap: 200,
  },
  photos: defaultPhotoPolicy,
  farms: defaultFarmPolicy,
  drift: defaultDriftPolicy,
  throwaways: defaultThrowawayPolicy,
  emailGroups: defaultEmailGroupPolicy,
};

/** Digits kept in weights and evidence figures (a weight rounded here is the weight compared with thresholds). */
export const EVIDENCE_DIGITS = 3;

/** How much evidence a reason lists (display only: phrases shown, excerpt length). */
export const EVIDENCE_LIMITS = { phrases: 5, templatePhrases: 6, excerptCharacters: 200, commonLanguageSplitDepth: 3, probabilityDigits: 6 };

export function weightOf(policy: Policy, signal: string): number {
  return policy.weights[signal] ?? 0;
}

/** "1 in 10,000" for a probability of 0.0001 (plain words for small chances). */
function oneIn(p: number): string {
  return `1 in ${Math.round(1 / p).toLocaleString('en')}`;
}

/** "a day" or "3 days". */
function daysInWords(days: number): string {
  return days === 1 ? 'a day' : `${days} days`;
}

/** Every check in plain words, for the public "How we check reviews" page (EU Omnibus Art. 7(6)). */
export function describeChecks(policy: Policy): { title: string; plainWords: string }[] {
  const c = policy.context;
  const t = policy.text;
  return [
    {
      title: 'Who can review',
      plainWords:
        'Anyone with an account can review a product. Reviews linked to an order in this shop are marked "verified purchase"; reviews from ' +
        'people who bought elsewhere are welcome and are checked the same way.',
    },
    {
      title: 'Star ratings are never a reason to hold a review',
      plainWords:
        'We never hold or remove a review because of its rating. A one-star review and a five-star review with the same evidence get the same ' + 'decision.',
    },
    {
      title: 'Repeated text',
      plainWords:
        `If the same account posts the same or nearly the same text again (at least ${t.minWordsDuplicate} words), the repeat is held or rejected ` +
        `as a duplicate.`,
    },
    {
      title: 'Copied or templated text',
      plainWords:
        `We compare each review of at least ${t.minWordsAcrossAccounts} words with similar reviews from other accounts and note long shared ` +
        `phrases, and with the other reviews of the same product within ${c.burstWindowDays} days, to see whether most of them repeat the same ` +
        `phrases. Between accounts that share a network, only phrases about the same product count; accounts that share nothing but a ` +
        `provider's network that many other accounts use are strangers of one region, and their wording is judged as strangers' is. ` +
        `Sentences that many unrelated reviewers use ` +
        `about many different products are ordinary language and are ignored. Wording is compared with what this shop makes likely: phrases whose ` +
        `words the product's other reviews or its category use often (a defect that everyone describes) are expected and do not count, and the ` +
        `evidence shows how many accounts were expected to share a phrase and how many did. Sentences of the same shapes with the words changed ` +
        `are noted the same way. Similar wording alone never holds a review: it must be backed by a second, independent kind of evidence ` +
        `(except for whole reviews copied, below).`,
    },
    {
      title: 'Whole reviews copied by other accounts',
      plainWords:
        `When at least ${t.copy.minOtherAccounts} other accounts posted nearly the whole of a review on the same product within ` +
        `${t.copy.windowDays} days (at least ${t.copy.minSharedSentences} of its sentences, ${t.copy.minSharedShingles} runs of three ` +
        `words in common${
          t.copy.minSharedShinglesFloor !== undefined && t.copy.minSharedShinglesFloor < t.copy.minSharedShingles
            ? ` (${t.copy.sharedShinglesPerExtraCopy} fewer for each further account that copied it, down to ${t.copy.minSharedShinglesFloor})`
            : ''
        } and ${Math.round(t.copy.minJaccard * 100)}% of them shared), and the shared wording is that unlikely by chance in this shop ` +
        `(a probability of at most ${t.copy.maxTail}), the review was written once and handed out. That holds a review on its own, ` +
        `however old the accounts and whenever they ordered. Buyers reporting the same defect share a sentence or two, not a whole ` +
        `review, and wording the product's other reviews use often does not count.`,
    },
    ...(t.copy.single
      ? [
          {
            title: "A review copied from another customer's",
            plainWords:
              `When a review repeats nearly the whole of one other customer's earlier review of the same product (at least ` +
              `${t.copy.minSharedSentences} of its sentences and ${t.copy.single.minSharedShingles} runs of three words in common, ` +
              `${Math.round(t.copy.single.minJaccard * 100)}% of them shared), and one person writing that wording by chance is that ` +
              `unlikely in this shop (a probability of at most ${t.copy.single.maxTail}), it is held as a duplicate for a moderator, ` +
              `whatever its rating. The earlier review is the original and is never labelled for being copied. Buyers describing the ` +
              `same fault in the words everyone uses for it, and short reviews of a few common sentences, are not copies.`,
          },
        ]
      : []),
    {
      title: 'One person behind several accounts',
      plainWords:
        `We compare network addresses, browser fingerprints, normalised e-mail addresses and account creation times. Sharing a network (a ` +
        `household, an office, a mobile network) is normal and never enough on its own; addresses shared by more than ` +
        `${c.commonIdentifierAccountLimit} accounts are ignored, except between accounts opened within ${c.creationBurstHours} hours of each other ` +
        `from the same network (at most ${c.creationBurstAccountLimit} of them), which counts like a shared address. When linked accounts review ` +
        `the same product at nearly the same time, that timing is a second kind of evidence: within days for one mailbox or device, or accounts ` +
        `opened together from one network; within hours, or on two products, for accounts that only share a network. Reviews backed by orders each ` +
        `placed days before are not counted as posted together, and accounts opened together on one computer or address that each have ` +
        `orders of their own placed days before are a household sharing a computer: their reviews of the same products are not counted as ` +
        `posted together on that link alone. Accounts linked this way that review ` +
        `different products of the same merchant ` +
        `within ${policy.linkedTiming.strongWindowDays} days count too, when the merchant's share of the shop's reviews makes that at least ` +
        `${policy.rings.merchantCoReview.minLikelihoodRatio} times less likely by chance. A shared template, a burst or a cohort of new ` +
        `accounts does not say whose hand is behind it; when it is made mostly of the accounts that such a link ties to the author, it counts ` +
        `as evidence of one person behind them as well as of a paid group. Reviewers who are only on one network more often than ` +
        `chance gives do not count for this, nor accounts that share nothing with the author but a network: a network says where buyers ` +
        `are (one region's buyers of a faulty batch), not whose hand wrote.`,
    },
    {
      title: 'Several weak links between accounts',
      plainWords:
        `Accounts that share no address, mailbox or device can still be one person's: opened within ${policy.weakLinks.creationMinutes} minutes of ` +
        `each other (or within ${policy.signups.baselineHours} hours, or ${policy.identity.createdTogetherDays} days), e-mail names of one pattern, ` +
        `the same browser build, the same /24 network. Each of these is common on its own, so each is ` +
        `compared with how often two accounts of this shop show it by chance (how many accounts use that browser build or network, how many ` +
        `accounts have an e-mail address of that shape, opening with the same word or the same ` +
        `${policy.weakLinks.emailStemLetters} letters, or of that shape numbered as close together (a script numbers its accounts ` +
        `in a row; birth years a decade apart are everyone's), how many ` +
        `accounts were opened within that many minutes, hours or days of this one: on a sale day hours apart is common, in a quiet week a ` +
        `day apart is rare), and only a combination far beyond chance (at least ${policy.weakLinks.minFactors} marks) links ` +
        `two accounts that reviewed the same product` +
        (policy.weakLinks.merchantWindowDays !== undefined
          ? `, or an account already sharing an address or browser build with this one that reviewed another of the merchant's products ` +
            `within ${policy.weakLinks.merchantWindowDays} days (a group serving one merchant spreads over its products)`
          : '') +
        `. Two buyers who each ordered days before are not compared this way. The evidence lists each ` +
        `mark with its chance in this shop. Several reviewers of one product on one /24 network count when so few of the shop's accounts use ` +
        `that network that chance would give so many with a probability of at most ${policy.rings.network.maxTail} (a mobile carrier's or a ` +
        `campus's network is used by many accounts, so it does not count). A network says where reviewers are, and one region's buyers of a ` +
        `faulty batch share one: it never holds a review on its own and needs a second, different kind of evidence.`,
    },
    ...(policy.drift
      ? [
          {
            title: 'One person posting under several accounts, weeks apart',
            plainWords:
              `A home internet line gets a new address now and then, but stays within its provider's block of addresses. When reviewers of ` +
              `a product over ${policy.drift.windowDays} days used the same provider block and the same browser build as this account, we ` +
              `compare their number with how many of the shop's accounts use both: a large provider or a mobile carrier with its phones gives ` +
              `many by chance, so it counts only when chance would give so many with a probability of at most ${policy.drift.maxTail}, and it ` +
              `links the accounts on its own only when far rarer still (strength ${policy.corroboration.strongLinkageMinWeight} or more). ` +
              'Accounts that used the very same address are not counted here (a household), nor buyers who each ordered days before. The ' +
              'block never links two accounts by itself.' +
              (policy.drift.wording
                ? ` Whenever the block and build are a coincidence of at most ${policy.drift.wording.maxIdentityTail}, ` +
                  `what those accounts wrote is a second, independent test: wording they share with this review that the product's and the ` +
                  `category's other reviews do not explain (a probability of at most ${policy.text.chance.maxTailProbability}), however long ` +
                  `ago they wrote it. The two probabilities are combined, and the accounts count as one writer's when the combination is at ` +
                  `most ${policy.drift.maxTail}; the evidence shows both, each with what was seen and what chance gives.`
                : ''),
          },
        ]
      : []),
    {
      title: 'Unusual bursts and posting speed',
      plainWords:
        `We compare the number of reviews a product receives within ${c.burstWindowDays} days with its usual rate over the last ` +
        `${c.productDailyDays} days, and look at accounts posting faster than a person could write, or reviewing minutes after ordering (within ` +
        `${policy.posting.orderStrongMinutes} minutes the order was made for the review; up to ${policy.posting.orderMaxMinutes} minutes it may be a ` +
        `same-day pickup, so it only adds weight and never links a review to others). Buyers ` +
        `who ordered days before are not counted as part of a burst; but when many of the accounts reviewing a product within those days were ` +
        `opened in one batch shortly before, that is noted whether or not they ordered. A busy but humanly possible pace only adds weight to other ` +
        `evidence; ${policy.posting.inhumanMinPosts} or more posts within minutes whose text arrived faster than ` +
        `${policy.posting.humanCharsPerSecond} characters a second (faster than anyone types) is held on its own, whatever the rating.`,
    },
    ...(policy.farms
      ? [
          {
            title: 'Buyers who ordered and reviewed together',
            plainWords:
              `Independent buyers each take their own time between ordering and reviewing; a hired group orders in one go and posts in one ` +
              `go. When several buyers of a product ordered within ${policy.farms.orderBandHours} hours of each other and also reviewed within ` +
              `${policy.farms.reviewBandHours} hours of each other, we compare that with how long this shop's customers usually take (the ` +
              `delays of its last ${policy.farms.delaySampleSize} verified reviews): both must be very unlikely by chance (at most ` +
              `${policy.farms.maxTail}). A sale or a launch brings many orders at once, but its buyers still review in their own time. And when ` +
              `the product's other buyers, who ordered days apart from the group, reviewed in the same days too (a launch whose pre-orders ` +
              `all ship on one day), the reviews' closeness is the product's, not the group's: the chance is taken from their share. Timing ` +
              `alone holds reviews only when both together are below one in ${farmStandAloneOdds(policy)} by chance; nearer to chance it needs a ` +
              `second, independent kind of evidence. A review checked before its ${policy.context.productWindowDays}-day window has passed ` +
              'sees only part of it (days with no other review in them are evidence too), so a review where this test was possible is ' +
              'checked again once its window has closed.',
          },
        ]
      : []),
    ...(policy.throwaways
      ? [
          {
            title: 'Accounts opened just to post one review',
            plainWords:
              `Anyone may sign up and review without an order. But when most of a product's reviewers within ${daysInWords(policy.throwaways.windowDays)} ` +
              `(at least ${policy.throwaways.minAccounts}, and at least ${Math.round(policy.throwaways.minShare * 100)}% of them) ` +
              `opened their account less than ${policy.throwaways.accountHours} hours before posting and had no order, we compare that with ` +
              `how common such reviews are in this shop (its last ${policy.throwaways.baselineSize.toLocaleString('en')} reviews): it counts ` +
              `only when chance would give so many with a probability of at most ${oneIn(10 ** -policy.throwaways.minSurpriseLog10)}. ` +
              'Buyers of a launch or of a faulty batch have orders or accounts with some age; the few who sign up to complain are a minority ' +
              "of the product's reviewers that day. Like every sign of a group, it needs a second kind of evidence (such as a burst) " +
              'before a review waits for a moderator, and the rating plays no part.',
          },
        ]
      : []),
    ...(policy.emailGroups
      ? [
          {
            title: 'Addresses made from one template',
            plainWords:
              `A script that opens accounts fills one address template with names and numbers ("daily" + a name + a running ` +
              `number). When at least ${policy.emailGroups.minAccounts} reviewers of a product within ${policy.emailGroups.windowDays} days ` +
              "(this one included) have addresses of the same shape, we count how many of the shop's accounts on that e-mail domain " +
              'have that shape, and it counts only when chance would give so many with a probability of at most ' +
              `${oneIn(policy.emailGroups.maxTail)}. A common shape ("first.last" at a webmail provider) is everyone's, and students or ` +
              "staff of one institution share its scheme, so the shape is compared with the domain's own accounts. Like every link " +
              'between accounts, it needs a second kind of evidence before a review waits for a moderator.',
          },
        ]
      : []),
    {
      title: 'Groups of accounts reviewing the same products',
      plainWords:
        `When other reviewers of this product (within ${policy.graph.poolProductDays ?? policy.context.productWindowDays} days of this review) ` +
        `also reviewed another product this reviewer reviewed, each within ${policy.graph.coReviewDays} days of this reviewer, we compare that ` +
        'with how popular that product is in this shop: buyers of a bestseller overlap by chance. Only overlap far beyond chance is noted as a ' +
        'possible review farm. Across products of unrelated shops it can decide alone; otherwise it needs a second kind of evidence.' +
        (policy.graph.recheckPoolAtWindowClose && policy.graph.poolProductDays !== undefined
          ? ` A group's accounts reach the other products over the following weeks, so a review whose author reviewed another product ` +
            `within ${policy.graph.campaignDays} days is checked again ${policy.graph.poolProductDays} days after it was posted, with the ` +
            'reviews that came since. That check never publishes a held review and never overrules a moderator.'
          : ''),
    },
    {
      title: 'Account history',
      plainWords:
        'A new account, or one posting many reviews a day, weighs a little towards a closer look; a long history of published reviews and a ' +
        'verified order placed days before weigh in favour of publishing. These never decide alone.',
    },
    {
      title: 'Rewards for reviews',
      plainWords:
        'Reviews whose author received something (a free product, a discount, payment, a prize draw) are published with the label ' +
        '"incentivized". If the text says a reward was given for reviewing or testing and it was not disclosed, it gets the same label. If the ' +
        'text ties a reward to the rating, to a positive review or to changing a review, the review is held for a moderator. We look for that ' +
        'structure (a reward joined to a condition), not for a list of phrases. A buyer who reports or refuses such an offer from the seller ' +
        '("they offered a refund for five stars, no thanks") is a witness, not a paid reviewer: the review is published and the report is kept ' +
        'as evidence about the seller. We read who the offer was made to and what the writer did with it: refusing, reporting, throwing the ' +
        'card away, telling it as a hypothetical or as something other buyers get all mean the review is published; only an offer made to the ' +
        'writer and not refused is held. A seller who made good a fault (a refund or replacement) and a buyer who then raised the rating is ' +
        'gratitude, not an incentive. Common typing slips in these words ("reivew", "writting") are read as the word.',
    },
    {
      title: 'Reviews by the merchant or its staff',
      plainWords:
        "Reviews from the merchant's declared staff, from e-mail addresses on the merchant's own domain, or from a network or device shared " +
        'with declared staff are held and labelled "insider". A browser build counts ' +
        `when it is at least ${policy.rings.staffBuildMinLikelihoodRatio} times likelier among the merchant's staff than among the shop's ` +
        'other accounts, counting the staff besides the one whose build matched (one of two staff on a build is no sign of an office build), ' +
        "colleagues sharing an office network count once, and a build the author's own colleagues hold is no link" +
        ((policy.insider.minStaffHoldersOfBuild ?? 1) > 1
          ? "; a build only one member of staff uses is that person's own browser (their phone), which customers share by chance, " + 'and is no link either. '
          : '. ') +
        'An address ' +
        (policy.insider.judgeAddressByItsBlock
          ? `counts unless its neighbourhood (the /24) has been seen with more than ${policy.insider.officeMaxHolders} accounts and the ` +
            `merchant's staff are under ${Math.round(policy.insider.minStaffShare * 100)}% of them: a public network such as a mobile ` +
            "carrier's, where strangers share addresses by chance. "
          : 'counts when few accounts use it or many of them are staff. ') +
        'And a ' +
        "domain counts as a look-alike when it carries the merchant's name with digits read as letters and at most " +
        `${policy.rings.lookalikeMaxEdits} letter changed. A link counts as it was when the review was written: an address or build ` +
        'that the author and the staff were first seen sharing afterwards is not evidence about that review.',
    },
    {
      title: 'Text model',
      plainWords:
        'A statistical model trained on reviews checked by moderators gives a weak hint about wording typical of fake reviews. It never decides ' + 'alone.',
    },
    ...(policy.photos
      ? [
          {
            title: 'The same photo under different accounts',
            plainWords:
              `Every review photo is re-saved without its location and camera details before it is stored, and compared with the photos of other ` +
              `accounts' reviews through a fingerprint of the picture that survives resizing and re-saving (at most ${policy.photos.maxDistance} ` +
              `of its 64 points may differ). The same photo under another account's review links the two accounts like a shared device: it is kept ` +
              `as evidence and, like every link, needs a second kind of evidence before a review is held. The same photo again with the author's ` +
              `review of another product counts towards "duplicate", but never holds a review on its own. Pictures with almost no detail (a plain ` +
              `colour) are not compared.`,
          },
        ]
      : []),
    {
      title: 'Decisions change as evidence arrives',
      plainWords:
        'A group of fake accounts often becomes visible only after several reviews. When a new review links to earlier published ones, those are ' +
        'checked again, and held if the evidence now says so. Every decision lists its reasons, and authors can appeal.',
    },
  ];
}

/** Odds (1 in N) below which the two order-cohort tails together reach strong linkage on their own (signals/order-cohort.ts). */
function farmStandAloneOdds(policy: Policy): string {
  const f = policy.farms!;
  const minimum = -2 * Math.log10(f.maxTail);
  const strength = policy.corroboration.strongLinkageMinWeight / f.weight;
  const surprise = minimum + ((strength - f.strengthBase) / f.strengthSpan) * (f.fullSurpriseLog10 - minimum);
  return Math.round(10 ** surprise).toLocaleString('en-GB');
}

/** The reward grammar's limits: the join windows (text.reward) and the stance and spelling limits (rewards). */
export function rewardGrammarLimits(policy: Policy): RewardGrammarLimits {
  return { ...policy.text.reward, ...policy.rewards };
}

// A small grammar for rewards in review text, instead of a list of phrasings. It finds three kinds of pieces —
// a REWARD (refund, voucher, gift card, free item, cashback, store credit…), a CONDITION on the rating or on
// positivity (five stars, a positive/glowing review, top marks, changing or removing a review) and a PURPOSE
// (reviewing, testing, feedback) — and says how they are joined. A reward joined to a condition by a word that
// governs it ("if I", "once I", "in exchange for a", "to get", "they asked me to") is a rating-conditioned
// reward; a reward joined to a purpose without a condition is an undisclosed incentive. The join must be direct:
// between the connector and the next piece only filler words may stand ("if I would", "for a"), so a refund "after
// it broke" followed by "updating my review" is not a condition, and "I'd give five stars if they refunded me"
// is the reviewer's own hypothetical. Pure and deterministic; the window sizes come from the policy.

/** How the stance and spelling are read (policy.rewards). */
export interface RewardStanceLimits {
  /**
   * Words of at least this many letters that are not grammar words are repaired to one when they are a typing slip of
   * it (a doubled letter, two letters swapped, one inner letter dropped: "writting", "reivew", "acceted").
   */
  typoMinLetters: number;
  /** Sentences on either side of an offer read for the writer's stance towards it ("… for five stars. I declined."). */
  stanceSentences: number;
}

export interface RewardGrammarLimits extends RewardStanceLimits {
  /** Words at most between a reward and the condition or purpose it is joined to. */
  windowWords: number;
  /** Words at most between a connector and the piece it governs ("if I would leave" → 3). */
  connectorGapWords: number;
  /** Words before a reward searched for a negation ("nobody paid me", "not sponsored"). */
  negationWords: number;
  /** Sentence boundaries a join may cross ("They offered a voucher. I just had to leave five stars."). */
  sentenceHops: number;
}

export interface RewardFinding {
  kind: 'conditional' | 'undisclosed';
  /** The words of the text from the first piece to the last, as written (normalised spacing). */
  excerpt: string;
  reward: string;
  /** The condition (conditional) or the purpose (undisclosed) it is joined to. */
  joinedTo: string;
  connector: string;
}

const NOT_FREE = String.raw`(?!shipping|delivery|returns?|postage|trial|updates?|of (?:defects|charge)|standing|time|range|hand|-?standing)`;

// A package sent to promoters (an influencer box, a PR parcel): what it holds was given, not bought.
const PR_PACKAGE = String.raw`\b(?:influencer|pr|press|review|reviewer|tester|creator) (?:box|boxes|package|packages|parcel|parcels|mailer|mailers|kit|kits|haul)\b`;

const REWARD = new RegExp(
  String.raw`\b(?:(?:full|partial|complete|100%) )?refund(?:s|ed|ing)?\b|\bmoney back\b|\bprice back\b|\brebates?\b|\breimburs\w*|\bgift ?cards?\b|\be-?gift\b|\bgift (?:certificate|voucher|code)s?\b|\bvouchers?\b|\bcoupons?(?: codes?)?\b|\bdiscount(?:s|ed)?(?: codes?)?\b|\bpromo(?:tional)? codes?\b|\b\d+ ?(?:%|percent) off\b|\bcash ?back\b|\b(?:store|shop|account|wallet) credit\b|\bcredits?\b|\bcash\b|\bpaypal\b|\bpayments?\b|\b(?:was|were|been|being|get|got|getting|gets) paid\b|\bpaid (?:me|us|reviewers|buyers)\b|\bpays? (?:me|us|you|reviewers|buyers)\b|\bcompensat\w*|\bbonus(?:es)?\b|\brewards?\b|\brewarded\b|\bfreebies?\b|\bfree (?!(?:through|from|with|for|to|by|as|in|via|when|if|and|so|because|since|but|or|at|on|after|is|was|it|i|we|they|too|again|now|then|anyway|which|that|of|the|a)\b)${NOT_FREE}\w+|\bfree\b(?! (?:shipping|delivery|returns?|postage|trial|updates?|of defects|standing|time|range|hand)\b)(?!-)|\bgratis\b|\bfoc\b|\bfree (?:shipping|delivery|postage) (?:on|for|with) (?:my|your|the|our|their|a) next (?:order|purchase)\b|\bwarrant(?:y|ies) (?:extended|extension)\b|\bwarranty extensions?\b|\bon the house\b|\bon (?:the |their |its )?(?:\w+'s )?dime\b|\bsponser(?:ed|d)\b|\bfreebees?\b|\bcomplementary (?:samples?|units?|products?|cop(?:y|ies)|gifts?|items?|pairs?|bottles?)\b|\b(?:a |one |two |three |an extra )?(?:tenner|fiver)s?\b|\b(?:ten|twenty|fifty|a few|a couple of) (?:quid|bucks)\b|\breduced (?:price|rate|cost)\b|\bcomp(?:ed|'d)\b|\blet (?:me|us) keep (?:it|this|them|these|the \w+)\b|\bfree trial (?:unit|product|item|sample|pair|set)\b|\b(?:extend|extends|extended|extending) (?:my |the |your )?warrant(?:y|ies)\b|\b(?:entered|entry|entries) (?:in(?:to)? (?:a |the |their )?)?(?:draw|raffle|prize draw|sweepstakes?|competition|contest|giveaway)\b|\b(?:entered|enter|entry) to win\b|\bchance to win\b|\bpaid back\b|(?<!\b(?:of|the|for|save|saving|saved|spend|spent|spending|your|my|our|own|extra|more|less|much|good|real|any|no|waste|lose|losing|lost)\s)\bmoney\b(?! back\b)|\bcost (?:me|us) nothing\b|\b(?:didn't|did not) cost (?:me|us) (?:a (?:thing|penny|cent)|anything)\b|\bfor (?:next to )?nothing\b|\b(?:a )?(?:couple|few) (?:of )?(?:dollars|bucks|quid|pounds|euros)\b|\b\d+ ?(?:%|percent) back\b|\b(?:mystery|surprise|little|small|special|extra|free) gifts?\b|(?<=\b(?:offer\w*|promis\w*|send|sends|sent|get|gets|got|receive\w*|claim|give|gives|gave|giving|earn\w*|win|won) (?:me |us |you )?(?:a |an |the |my |your )?)gifts?\b|\bgifts?(?= in (?:exchange|return) for)|\bfor free\b|\bfree of charge\b|\bat no (?:extra )?cost\b|\bcomplimentary\b|\bno charge\b|\bsamples?\b|(?:[$£€] ?\d+|\b\d+ ?(?:dollars?|euros?|pounds?|bucks?|quid|usd|eur|gbp))\b|\b(?:another|second|extra|spare|replacement) (?:one|unit|pair|item|set|bottle|pack)(?: for)? free\b|\bprize(?: draw)?s?\b|\braffle\b|\bsweepstakes?\b|\bgiveaways?\b|\bloyalty points\b|\bperks?\b|\bthank[- ]you gifts?\b|\bgifted\b|\bsponsored\b|\b(?:free |a |new |the |my )replacement\b|\bgift (?:from|by) (?:the )?(?:seller|brand|company|manufacturer|maker|shop|store|merchant|vendor)\b|\bcover(?:ed|s|ing)? (?:the|my|your|our) (?:cost|price|postage|shipping|delivery|return(?: postage| shipping)?)\b|\bcredited\b|\bhalf (?:price|off)\b|\b(?:give|gives|gave|giving|pay|pays|paid|send|sends|sent) (?:me |us |you )?back\b|\b(?:an? )?(?:extra|additional|another|free|bonus) (?:\w+ )?(?:years?|months?) (?:of )?warranty\b|\breturn (?:my|your|our|the) money\b|\bmoney returned\b|\bpay(?:s|ing)? (?:me |us |you )?back\b|\b(?:a )?fraction of the (?:price|cost)\b|\b(?:extended|lifetime|free|extra) warrant(?:y|ies)\b|(?<=\b(?:activate|activates|activated|activating|unlock|unlocks|unlocked|unlocking|validate|validates|validated) )(?:the |your |my |our |their |a |an )?(?:\d+[- ]?(?:year|yr|month)s?[- ]|lifetime |extended |extra |full )?warrant(?:y|ies)\b|\b(?:\d+[- ]?(?:year|yr|month)s?[- ]|lifetime |extended |extra |full )?warrant(?:y|ies) (?:only )?(?:activates|unlocks|(?:is|are) (?:only )?(?:valid|activated|unlocked|honou?red))\b|${PR_PACKAGE}`,
  'g',
);
// The longest reading first: "sent to me by the brand" names its giver, which "sent to me" alone does not. A product
// "received from the seller" (or the shop, or "them") is a delivery; from the brand or its maker it is a gift.
const RECEIPT = new RegExp(
  String.raw`\b(?:sent|shipped|supplied|provided|gifted|given|mailed|loaned|lent)(?: over| out)?(?: to (?:me|us))? by (?:the )?(?:brand|seller|company|manufacturer|maker|vendor|merchant)\b|\b(?:sent|gave|given|provided|supplied|shipped|mailed|loaned|lent) (?:to )?(?:me|us)\b|\b(?:was given|was sent|were sent|was provided|were provided) (?:this|it|these|them|one|the \w+|a (?:unit|pair|sample|set))(?: \w+)? (?:from|by) (?:the )?(?:brand|seller|company|manufacturer|maker|vendor|merchant|shop|store|them)\b|\b(?:received|got) (?:this|it|these|them|one|the \w+|a (?:unit|pair|sample|set))(?: \w+)? (?:from|by) (?:the )?(?:brand|company|manufacturer|maker)\b|\b(?:review|pr|press|test) (?:samples?|units?|copy|copies|package|kit)\b|\b(?:from|by) (?:the )?(?:brand|manufacturer|maker|vendor|company|seller)(?:'s)? (?:pr|marketing|press|outreach|influencer|social media) (?:team|department|agency|people)\b|\b(?:sent|gave|shipped|mailed|provided) (?:me |us )?(?:a|an|one|the) (?:free )?(?:unit|sample|pair|copy|item|set|product)\b|\b(?:sent|shipped|supplied|provided|gifted|given|mailed|loaned|lent)(?: over| out)?(?: to (?:me|us))? by (?:the )?(?:brand|seller|company|manufacturer|maker|vendor|merchant)\b`,
  'g',
);

const STAR_VALUE = String.raw`(?:5|five|4|four|full|top|max(?:imum)?|all(?: the)?|perfect)[- ]?stars?|5 ?★|★★★★★?|(?:top|full|perfect) marks|perfect (?:score|rating)|10 ?/ ?10|5 ?/ ?5|(?:highest|best|top|max(?:imum)?|perfect|high|higher|better) (?:possible )?(?:rating|score|marks|stars?)`;
const POSITIVE_REVIEW = String.raw`(?:positive|good|great|glowing|favou?rable|nice|kind|shining|stellar|excellent|rave|raving|perfect|(?:5|five|4|four)[- ]?stars?|top|best|amazing|awesome|happy|satisfied|complimentary|flattering|praising|5 ?★)(?: \w+)? (?:reviews?|reviewers|raters|ratings?|feedback|testimonials?|comments?|words?|write-?ups?|experiences?|posts?|mentions?)`;
// A review that "goes up" is posted ("refund once my review goes up": a reward for reviewing); a rating or stars that go
// up, or a review that goes up to five stars, is raised.
// Saying good things, a bare number of stars after "rate us", a move of the rating to a star value, a review taken down.
const SAY_GOOD = String.raw`(?:(?:my |the |your |our )?(?:review|rating|post) )?(?:say|says|said|saying) (?:\w+ )?(?:good|nice|great|positive|kind|lovely|glowing) things`;
const RATE_NUMBER = String.raw`(?:rate|rating|rated)(?: (?:us|it|them|this))? (?:a )?(?:5|five|10|ten)(?= (?:and|to|for|then|&|,|\|)|$)`;
const TO_TOP = String.raw`(?:${STAR_VALUE}|(?:5|five)(?= (?:and|if|for|then|so)\b| ?[,|]|$))`;
const MOVE_TO_STARS = String.raw`(?:(?:bump|bumped|bumping|raise|raised|raising|amend|amended|change|changed|changing|up|upped|upping|move|moved|moves|edit|edited|update|updated|went|go|goes|going|increase|increased)(?: (?:it|this|my rating|my review|the rating|the review|my score|the stars|my stars))?|(?:review|rating|stars?) (?:gets|get|is|was|being|were) (?:changed|updated|raised|bumped|edited|moved)|(?:review|rating|score|stars?) (?:goes|go|went|going|is going|gets|get|moves|moved))(?: up)?(?: from \w+)? to ${TO_TOP}`;
const RATING_UP = String.raw`(?:(?:rating|score|stars?) (?:goes|go|went|going|is going|gets|get|moves|moved) (?:up|higher)|review (?:goes|go|went|going|is going|gets|get|moves|moved) higher)`;
const DROP_STARS = String.raw`(?:delete|deleted|deleting|remove|removed|removing|take down|took down|withdraw|retract) (?:the |my |this |that |a )?(?:\d|one|two|three)[- ]stars?`;
const UPGRADE_TO = String.raw`(?:an? |the )?(?:upgrade|change|update|bump|edit|switch|move)(?: of (?:my|the) (?:review|rating))? to (?:${STAR_VALUE})|(?:bump|bumped|bumping|raise|raised|push|pushed|move|moved|put|change|changed) (?:it|my rating|my review|the rating|the review|the stars|my score) up`;
const TAKE_DOWN = String.raw`(?:take|took|taking|taken) (?:this|it|that) down|(?:take|took|taking|taken|pull|pulled|taking) (?:my |the |this |that |a |an |\w+[- ]star |negative |bad |low |one |two ){0,3}(?:review|rating|post) down`;
const RATE_POSITIVELY = String.raw`(?:rate|rates|rating|rated|review|reviewing|reviewed|score|scoring)(?: (?:it|them|us|him|her|this|the \w+|their \w+|our \w+))? (?:highly|positively|well|favou?rably|higher|better|high|glowingly|${STAR_VALUE})`;
const CHANGE_REVIEW = String.raw`(?:amend|amends|amending|up|upping|upped|increase|increased|increasing|replace|replaced|replacing|swap|swapped|change|changes|changed|changing|update|updated|updating|edit|edited|editing|remove|removed|removing|delete|deleted|deleting|take down|took down|taking down|taken down|raise|raised|raising|bump|bumped|bumping|improve|improved|revise|revised|amend|amended|withdraw|withdrew|withdrawn|retract|retracted|modify|modified|upgrade|upgraded|revisit|reconsider|adjust|adjusted|boost|boosted|pull|pulled|drop|dropped|lift|lifted)(?: (?:my|the|this|our|their|his|her|your|that|a|an|negative|bad|low|lower|poor|critical|harsh|honest|1|one|2|two|3|three|star|stars|\d-star|one-star|two-star|three-star|original)){0,4} (?:reviews?|ratings?|stars?|feedback|comments?|score|complaints?)`;
const STAR_ACT = String.raw`(?:leave|leaves|leaving|left|give|gives|giving|gave|post|posts|posting|posted|write|writes|writing|wrote|rate|rates|rating|rated|put|putting|award|awarding|click|select|hit|submit|submitting|mark)(?: \w+){0,3} (?:${STAR_VALUE})`;
const REVIEW_IS_POSITIVE = String.raw`(?:review|rating|feedback|stars?)(?: \w+)? (?:is|was|were|be|being|would be|came out|ended up|ends up|stays|stay|remains|stays at|is at|shows|showed|showing|says|said|reads) (?:positive|good|great|glowing|favou?rable|high|${STAR_VALUE})`;
// Asked to come to the seller instead of posting a negative review ("contact us before leaving a negative review"): the
// reward then buys the review's absence. The verb is the request's bare form ("contact us", "asked me to reach out"):
// a buyer's "I contacted them before leaving a bad review" tells what they did, and is no condition.
const DIVERT_NEGATIVE = String.raw`(?:contact|message|email|e-mail|reach out to|get in touch with|talk to|speak to|speak with|come to|write to)(?: us| them| the seller| the shop| the company| the store| me)(?: first| directly)? (?:before|instead of) (?:leaving|writing|posting|giving|submitting|you leave|you write|you post|leave|write|post)(?: us| them)? (?:a |an |any )?(?:negative|bad|poor|low|critical|unhappy|neutral|less than (?:5|five)[- ]stars?|(?:1|one|2|two|3|three)[- ]stars?)(?: \w+)? (?:reviews?|ratings?|feedback)`;
const CONDITION = new RegExp(
  String.raw`\b(?:${DIVERT_NEGATIVE}|${UPGRADE_TO}|${RATING_UP}|${DROP_STARS}|${MOVE_TO_STARS}|${TAKE_DOWN}|${SAY_GOOD}|${RATE_NUMBER}|${CHANGE_REVIEW}|${POSITIVE_REVIEW}|${RATE_POSITIVELY}|${STAR_ACT}|${REVIEW_IS_POSITIVE}|(?:at least|minimum|min) (?:${STAR_VALUE}))(?!\w)`,
  'g',
);
// A bare star value counts as a condition only right after a connector ("for 5 stars", "in exchange for top marks").
const BARE_STARS = new RegExp(String.raw`\b(?:${STAR_VALUE})(?!\w)`, 'g');

// A programme is read before its first word ("tester programme", not "tester"), so the join sees the membership.
const PURPOSE = new RegExp(
  String.raw`\b(?:product[- ]testing|testers?|reviewers?|review|influencer|ambassador|vine|insider|creator|affiliate) (?:program(?:me)?s?|club|panel|group|community|team|campaign)\b|(?<=\b(?:sent|given|provided|gave|shipped|mailed|free|cost|charge)(?: (?:it|this|them|me|us|to me|to us|over)){0,2} to )try\b(?! (?:it |them |this |these )?out\b)|\btalk(?:ing)? about\b|\bgive (?:it|them|this|these) a (?:go|try|whirl|spin|test)\b|\b(?:review|reviews|reviewing|reviewed|test|testing|tested|tester|trial|evaluat\w+|try (?:it |them |this |these )?out|trying (?:it |them |this |these )?out|feedback|opinions?|thoughts|assessment|write[- ]?ups?|writ(?:e|ing|ten) (?:this|it) up|writ(?:e|ing) about|post(?:ing)? about|shar(?:e|ing) (?:my|our) (?:thoughts|experience|opinion))\b`,
  'g',
);

// Connectors that let a reward govern a condition or a purpose, and those that let a condition lead to a reward.
const REWARD_TO_CONDITION = String.raw`(?:to|for) (?:anyone|everyone|those|people|buyers|customers|reviewers)(?: (?:who|that))?|if|when|by|with|whenever|once|after|upon|as long as|provided(?: that)?|providing|as soon as|only if|but only if|in exchange for|in return for|for|to|in order to|so (?:that )?(?:i|we)|on (?:the )?condition(?: that)?|conditional on|contingent on|had to|have to|has to|needed to|need to|must|required|requires|the catch|the deal|the only requirement|(?:anyone|everyone|customers|buyers|those|people|reviewers) (?:who|that)|(?:asked|ask|asks|asking|wanted|wants|want|told|tell|tells|requested|requests|begged|pushed|pressured|pressuring|urged|encouraged|invited|expected|expects) (?:me|us|buyers|customers|people|everyone|you)(?: to)?`;
const CONDITION_TO_REWARD = String.raw`gets? (?:u|ya)|(?:receive|receives|win|wins|are sent|are given|will get|will receive|qualify for)|(?:earned|earns|earning|won|got|gets|get) (?:me|us|you)|(?:go|goes|are|get|gets|got|was|were) (?:entered )?into(?: (?:the|their|a|our) (?:monthly|weekly|yearly|annual|big))?|to get|to receive|to earn|to qualify for|to claim|to (?:activate|unlock|validate)|to be (?:sent|given|refunded|reimbursed|paid)|for|in exchange for|in return for|and (?:they|we|you|i|he|she|the seller|the company|the shop|the brand)(?:'ll| will| would| could| can|'d)? (?:get|receive|send|give|refund|pay|reimburse|earn|offer|offered|promised|add)|and (?:they|we|you|i|he|she|the seller|the company|the shop|the brand)(?:'ll| will| would| could| can|'d)?|and (?:get|receive|earn|claim|keep)|and (?:offered|promised|offering|promising)|get|gets you|earns? you|earn|then|=|→|qualif\w+(?: \w+)? for|entitles? (?:you|me|us)(?: to)?|unlocks?|(?:will|would) be (?:rewarded|refunded|reimbursed|paid|sent)`;
const REWARD_TO_PURPOSE = String.raw`because (?:i|we) (?:do|write|am|'m|was|did)|for|to|in exchange for|in return for|so (?:that )?(?:i|we)(?: could| would| can| will)?|as part of|through|via|from|in|after|once|when|if|provided|on (?:the )?condition(?: that)?|in order to|for the purpose of|(?:asked|wanted|expected) (?:me|us)(?: to)?`;
const PURPOSE_TO_REWARD = String.raw`(?:i|we|they|the (?:seller|brand|company|manufacturer|shop|store))(?: \w+)? (?:received|got|get|was given|were given|was sent|were sent|gave|sent|offered|refunded|reimbursed|paid|provided)`;

// The giver's promise after a condition opened by "if" or an exchange ("… they would refund", "… the seller sends").
const GIVER_VERB = String.raw`(?:get|gets|send|sends|sending|sent|give|gives|giving|gave|refund|refunds|refunded|pay|pays|paid|reimburse|reimbursed|offer|offers|offering|offered|add|adds|added|credit|credited|knock|knocked|take)`;
const GIVER_PROMISE = String.raw`(?:they|the (?:seller|company|shop|brand|store|merchant)|we|you|he|she)(?:(?:'ll| will| would| could| can|'d| are| were| is)(?: ${GIVER_VERB})?| ${GIVER_VERB})`;
/** What comes before a condition: an "if" or an exchange opening it, a few words back in the same sentence. */
// "For a 5 star review they send you …" opens the exchange with "for" at the start of a sentence or clause.
const OPENS_CONDITION =
  /\b(?:if|once|when|whenever|as soon as|in exchange for|in return for)(?: [^ |]+){0,3} ?$|(?:^|\| |, )for (?:a |an |every |each |your |my )?$/;

// Words that may stand between a connector and what it governs.
const FILLERS = new Set(
  `i we you they he she me us it them this that these those my our your their his her a an the then just only simply previous past earlier recent also actually would will could can might did do does 'd i'd i'll we'd we'll you'd you'll they'd they'll agreed agree promised to be is was were full partial small big nice free another some honest unbiased fair genuine candid impartial objective truthful independent thorough detailed quick short leave leaves leaving left give gives giving gave post posts posting posted write writes writing wrote rate rated provide provided submitted published did providing share sharing publish do doing submit submitting product item unit one every each replacement order purchase next money price customer customers buyer buyers seller company brand i'm we're`.split(
    ' ',
  ),
);
const NEGATION =
  /\b(?:not|no|never|nobody|nothing|without|neither|nor|zero|unpaid|unsponsored|isn't|wasn't|weren't|didn't|don't|doesn't|haven't|hasn't|hadn't|won't|wouldn't)\b|n't\b/;
// A join is cut when a reason stands between the pieces ("refund because it broke, updating my review").
const CUT = /\b(?:because|since|due to|but|although|though|however|anyway|regardless|even though|whereas|except)\b/;

interface Piece {
  start: number;
  end: number;
  text: string;
}

/** Lower case, one space between words, sentence ends as " | " (decimal points and "5/10" kept). */
export function normalizeForGrammar(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      // Star emoji as the star sign ("5⭐ = free gift").
      .replace(/[⭐🌟]\uFE0F?/gu, '★')
      .replace(/(\d)\.(\d)/g, '$1,$2')
      // "5*" and "5 *" are star ratings in British reviews ("a 5* review"); the asterisk is dropped below.
      .replace(/\b([1-5]) ?\*(?!\w)/g, '$1 stars ')
      .replace(/[.!?;:\n\r]+/g, ' | ')
      .replace(/[“”"()[\]{}*_~^#@&+<>]/g, ' ')
      .replace(/,/g, ' , ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function find(re: RegExp, s: string): Piece[] {
  return [...s.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

function wordCount(s: string): number {
  return s.split(' ').filter((w) => w !== '' && w !== '|' && w !== ',').length;
}

function negated(s: string, p: Piece, limits: RewardGrammarLimits): boolean {
  const before = s.slice(0, p.start).split(' ').filter(Boolean);
  const window = before.slice(-limits.negationWords);
  // Stop at a sentence end: "It broke. No refund was needed" is about the earlier sentence.
  const cut = window.lastIndexOf('|');
  return NEGATION.test(window.slice(cut + 1).join(' '));
}

/**
 * How `gap` (the text between two pieces) joins them: the last connector in it from `connectors`, with only
 * filler words after it and no reason ("because", "but") after it. Returns the connector or null.
 */
function joinedBy(gap: string, connectors: string, limits: RewardGrammarLimits, firstPieceText?: string): string | null {
  if (wordCount(gap) > limits.windowWords) return null;
  const hops = gap.split(' | ').length - 1;
  if (hops > limits.sentenceHops) return null;
  const re = new RegExp(String.raw`(?:^|[\s,|])(${connectors})(?=[\s,|]|$)`, 'g');
  let best: { connector: string; after: string } | null = null;
  for (const m of gap.matchAll(re)) best = { connector: m[1]!, after: gap.slice(m.index + m[0].length) };
  if (!best) {
    // Right after a request or a receipt ("a refund, leave five stars") the reward itself is the join when the
    // gap is only fillers; never across a sentence end.
    return null;
  }
  if (CUT.test(best.after)) return null;
  const rest = best.after.split(/[\s,]+/).filter(Boolean);
  if (rest.includes('|')) return null;
  // Amounts stand where articles do ("get a 20% coupon", "for a $5 voucher").
  if (rest.length > limits.connectorGapWords || !rest.every((w) => FILLERS.has(w) || /^[$£€]?\d+(?:[.,]\d+)?%?$/.test(w))) return null;
  // Across a sentence end only connectors of obligation or exchange join ("… voucher. I just had to leave …").
  if (hops > 0 && /^(?:for|to|from|in|through|via|get|then)$/.test(best.connector)) return null;
  void firstPieceText;
  return best.connector;
}

const MONEY = /^(?:(?:a |one )?(?:tenner|fiver)|[$£€] ?\d|\d+ ?(?:dollars?|euros?|pounds?|bucks?|quid|usd|eur|gbp))/;
const PRICE_WORDS = new Set([
  'paid',
  'pay',
  'cost',
  'costs',
  'costing',
  'spent',
  'spend',
  'price',
  'priced',
  'bought',
  'worth',
  'only',
  'just',
  'under',
  'over',
  'about',
  'around',
  'at',
  'than',
  // "For £70 I expected more", "fine for $89": a price the buyer weighs, not a reward.
  'for',
]);
/** "$60" after "paid" or "cost" is what the buyer paid, not a reward. */
function purchasePrice(s: string, p: Piece): boolean {
  if (!MONEY.test(p.text)) return false;
  const before = s.slice(0, p.start).trim().split(' ');
  return PRICE_WORDS.has(before[before.length - 1] ?? '');
}

function excerptOf(s: string, a: Piece, b: Piece): string {
  const from = Math.min(a.start, b.start);
  const to = Math.max(a.end, b.end);
  return s.slice(from, to).replace(/ \| /g, '. ').replace(/ , /g, ', ');
}

/** Rating-conditioned rewards and rewards for reviewing found in the text, conditional ones first. */
export function findRewards(text: string, limits: RewardGrammarLimits): RewardFinding[] {
  const s = repairTypos(normalizeForGrammar(text), limits);
  const rewards = [...find(REWARD, s), ...find(RECEIPT, s)].filter((p) => !negated(s, p, limits) && !purchasePrice(s, p)).sort((a, b) => a.start - b.start);
  if (rewards.length === 0) return [...chosenTester(s, limits), ...receivedForReview(text, s, limits)];
  const conditions = find(CONDITION, s);
  // A star value inside a longer condition ("changed my review to 4 stars") is read as part of that condition only.
  const bareStars = find(BARE_STARS, s).filter((b) => !conditions.some((k) => k.start <= b.start && k.end >= b.end));
  const purposes = find(PURPOSE, s);
  const out: RewardFinding[] = [];

  for (const r of rewards) {
    // Reward first: "a full refund if I would change my review", "a $20 gift card for a five star rating".
    for (const c of [...conditions, ...bareStars]) {
      if (c.start < r.end) continue;
      const gap = s.slice(r.end, c.start);
      const connector = joinedBy(gap, REWARD_TO_CONDITION, limits);
      if (!connector) continue;
      // A bare "5 stars" needs the connector right before it ("for 5 stars"), not "for it and 5 stars".
      if (bareStars.includes(c) && !conditions.some((k) => k.start <= c.start && k.end >= c.end)) {
        const tail = gap.trim().split(' ');
        if (!['for', 'if', 'once', 'after', 'with', 'of', 'a', 'the'].includes(tail[tail.length - 1] ?? '')) continue;
      }
      // "…, so I changed my review" tells what the writer did after the reward (a result), not what it was for.
      if (/^so\b/.test(connector) && PAST_ACT.test(c.text)) continue;
      out.push({ kind: 'conditional', excerpt: excerptOf(s, r, c), reward: r.text, joinedTo: c.text, connector });
    }
    // Condition first: "leave a five-star review to get a refund", "change your rating and we'll send a voucher".
    for (const c of [...conditions, ...bareStars]) {
      if (c.end > r.start) continue;
      const bare = !conditions.some((k) => k.start <= c.start && k.end >= c.end);
      const gap = s.slice(c.end, r.start);
      let connector = joinedBy(gap, CONDITION_TO_REWARD, limits);
      // "If I updated my review to five stars they would refund …", "in exchange for 5 stars they are giving me …":
      // a condition opened by "if" or by an exchange, then the giver's promise, with no "and" between them.
      if (!connector && OPENS_CONDITION.test(s.slice(0, c.start))) connector = joinedBy(gap, GIVER_PROMISE, limits);
      // A bare star value leads to a reward only through an exchange ("5 stars = $10 back", "for 5 stars … get").
      if (connector && bare && !/^(?:=|→)$/.test(connector) && !OPENS_CONDITION.test(s.slice(0, c.start))) continue;
      if (connector) out.push({ kind: 'conditional', excerpt: excerptOf(s, c, r), reward: r.text, joinedTo: c.text, connector });
    }
  }
  if (out.length === 0) out.push(...looseConditions(s, rewards, [...conditions, ...bareStars], conditions, limits));
  if (out.length === 0) out.push(...framedConditions(s, rewards, [...conditions, ...bareStars], conditions, limits));
  if (out.length > 0) return dedupe(out);

  for (const r of rewards) {
    for (const p of purposes) {
      if (p.start >= r.end) {
        const connector = joinedBy(s.slice(r.end, p.start), REWARD_TO_PURPOSE, limits);
        if (connector) out.push({ kind: 'undisclosed', excerpt: excerptOf(s, r, p), reward: r.text, joinedTo: p.text, connector });
      } else if (p.end <= r.start) {
        const gap = s.slice(p.end, r.start);
        if (wordCount(gap) > limits.windowWords || gap.split(' | ').length - 1 > limits.sentenceHops) continue;
        // "In exchange for my review, I received a discount" / "As part of a tester program they sent me…".
        const before = s
          .slice(0, p.start)
          .split(' ')
          .filter(Boolean)
          .slice(-limits.connectorGapWords - 1)
          .join(' ');
        // "… asked me to review it and refunded the cost": the review was asked for, and the reward followed it.
        const exchange =
          /\b(?:in exchange for|in return for|for|as part of|through|via|in)\b|\b(?:asked|invited|wanted|paid|hired) (?:me|us) to$/.test(before) ||
          / (?:program(?:me)?s?|club|panel|group|community|team|campaign)$/.test(p.text);
        // "Reviewing this in exchange for the free product": the exchange stands between the pieces.
        const exchangeInGap = /\b(?:in exchange for|in return for|as a thank ?you for)\b/.test(gap);
        const receivedAfter =
          exchangeInGap || new RegExp(String.raw`(?:^|[\s,|])${PURPOSE_TO_REWARD}\b`).test(gap) || wordCount(gap) <= limits.connectorGapWords;
        if ((exchange || exchangeInGap) && receivedAfter && !CUT.test(gap))
          out.push({ kind: 'undisclosed', excerpt: excerptOf(s, p, r), reward: r.text, joinedTo: p.text, connector: 'in exchange for' });
      }
    }
    // A receipt from the brand itself ("provided to me by the manufacturer", "a review sample") needs no purpose.
    if (RECEIPT_ALONE.test(r.text)) out.push({ kind: 'undisclosed', excerpt: r.text, reward: r.text, joinedTo: r.text, connector: '' });
    else if (giftOfThisProduct(s, r, limits))
      out.push({ kind: 'undisclosed', excerpt: r.text, reward: r.text, joinedTo: 'this product', connector: 'received as' });
  }
  out.push(...chosenTester(s, limits));
  if (out.length === 0) out.push(...receivedForReview(text, s, limits));
  if (out.length === 0) out.push(...obligedReview(s, rewards, limits));
  return dedupe(out);
}

const PAST_ACT = /^(?:\w+ed|gave|left|wrote|put|took|did|made|went)\b/;
/** Rewards a seller gives to make good a fault: given after a complaint, they are no incentive unless conditioned. */
const REMEDY = /\b(?:refund\w*|money back|price back|replacement|reimburs\w*|repair\w*)\b/;
const GIVER_SUBJECT = String.raw`(?:they|the (?:seller|company|shop|brand|store|merchant|maker|manufacturer)|he|she|support|customer service)`;
const CAUSAL_GIVER = new RegExp(
  String.raw`(?:^|[\s,])(because|since|as|after|now that) ${GIVER_SUBJECT} (?:\w+ )?(?:sent|gave|offered|promised|paid|credited|added|gifted|knocked|gives|sends|pays|offers|threw in)\b`,
);
const GAVE_IN_GAP = new RegExp(String.raw`(?:^|[\s,-])${GIVER_SUBJECT} (?:\w+ )?(?:sent|gave|offered|promised|paid|credited|added|gifted|threw in|knocked)\b`);
const FOR_IT = /^ (?:for (?:it|that|this|doing (?:so|it|that)|the (?:change|update|edit|review|rating|upgrade)))(?= |$)/;
const OPENED_BY = /\b(?:if|once|when|whenever|after|as soon as|the moment)(?: [^ |]+){0,3} ?$/;
const PROMISE_IN_GAP = new RegExp(
  String.raw`(?:^|[\s,])(?:and |then |, )?(${GIVER_PROMISE}|and (?:the|a|your|my) )|(?:^|[\s,])(?:and|then|,) ((?:get|receive|claim|earn|collect|grab|enjoy)\b)`,
);

/**
 * Joins the strict grammar leaves out, each read inside one sentence:
 * - a rating act explained by a gift the seller gave ("changed my rating to 5 stars because the seller sent a $10
 *   credit"): the reward caused the rating. A remedy (refund, replacement) is left out: a seller who made good a
 *   fault and a buyer who then raised the rating is gratitude, not an incentive;
 * - a condition opened by "if/once/after/when" followed by the giver's promise or the reward itself further on
 *   ("once you post a 5-star review, email the screenshot and the refund follows"; "after a 5-star review goes up
 *   they knock $8 off");
 * - a bare star value exchanged for a reward ("five stars in exchange for the refund they gave me").
 */
function looseConditions(s: string, rewards: Piece[], candidates: Piece[], conditions: Piece[], limits: RewardGrammarLimits): RewardFinding[] {
  const out: RewardFinding[] = [];
  for (const r of rewards) {
    for (const c of candidates) {
      if (c.end > r.start) continue;
      const gap = s.slice(c.end, r.start);
      if (gap.includes('|') || wordCount(gap) > limits.windowWords) continue;
      const bare = !conditions.some((k) => k.start <= c.start && k.end >= c.end);
      let connector: string | null = null;
      const causal = gap.match(CAUSAL_GIVER);
      if (causal && !REMEDY.test(r.text) && !CUT.test(gap.slice(causal.index! + causal[0].length))) connector = causal[1]!;
      const sentenceStart = s.lastIndexOf(' | ', c.start);
      const before = s.slice(sentenceStart < 0 ? 0 : sentenceStart + 3, c.start);
      // Opened by "if/once/after", or an imperative at the start of a sentence ("rate us 5 and we send you …").
      const opened = OPENED_BY.test(before) || /^(?:(?:please|just|simply|so|and|now) )*$/.test(before);
      const promise = gap.match(PROMISE_IN_GAP);
      if (!connector && opened && promise && !CUT.test(gap)) connector = (promise[1] ?? promise[2]!).trim();
      if (!connector && bare && /^ (?:in exchange for|in return for)\b/.test(gap)) connector = gap.trim().split(' ').slice(0, 3).join(' ');
      // "They asked for a 5-star review and in return sent me a voucher."
      if (
        !connector &&
        !bare &&
        /(?:^|[\s,])(?:and )?(?:in return|in exchange|in turn|as a thank ?you|as thanks)(?: ,)? (?:\w+ ){0,4}$/.test(gap) &&
        !CUT.test(gap)
      )
        connector = 'in return';
      // "Edited from 3 to 5 stars - the seller sent a €25 voucher for it": a gift given for the rating act told before.
      if (!connector && !bare && !REMEDY.test(r.text) && GAVE_IN_GAP.test(gap) && FOR_IT.test(s.slice(r.end)) && !CUT.test(gap)) connector = 'for it';
      if (connector) out.push({ kind: 'conditional', excerpt: excerptOf(s, c, r), reward: r.text, joinedTo: c.text, connector });
    }
  }
  // Reward first, then the review act given as its cause: "got paid back in full because I posted a positive review".
  for (const r of rewards) {
    for (const c of conditions) {
      if (c.start < r.end) continue;
      const gap = s.slice(r.end, c.start);
      if (gap.includes('|') || wordCount(gap) > limits.windowWords) continue;
      const m = gap.match(/(?:^|[\s,])(because|since|as) (?:i|we) (?:had |have |'d )?(?:\w+ ){0,2}$/);
      if (m) out.push({ kind: 'conditional', excerpt: excerptOf(s, r, c), reward: r.text, joinedTo: c.text, connector: m[1]! });
    }
  }
  return out;
}

// "The deal was great" is a bargain; "the deal was that I …", "the deal: …" name a condition.
// An offer frame: the sentence tells of something offered, promised or said, not of what came in the box. Inside such a
// sentence a reward and a condition on the rating are an offer even without a connector between them ("seller sent msg
// saying 5 star review gets u 10 dollar refund", "a leaflet promises an extra year of warranty to customers who rate
// 5 stars"). A remedy (refund, replacement) needs a conditional word in the frame: "they offered a refund, five stars
// for the service" is gratitude.
const OFFER_FRAME =
  /\b(?:offer\w*|promis\w*|says?|said|saying|told|tells?|messag(?:ed|ing)|msg|e-?mailed|contacted|reached out|asked|asks|wants?|wanted|(?:they|we|you|the seller|the company|the shop|the brand)(?:'ll|'d| will| would)|they'd|qualif\w+|entitle\w*|conditional|rewarded)\b|=|→/;
const STATED_CONDITION =
  /^ ?(?:the )?(?:condition|catch|requirement|deal(?! (?:was|is) (?!that\b|to\b|simple\b|i\b|we\b|you\b)\w)|terms|only (?:condition|requirement|catch)|in (?:return|exchange)|all (?:i|you|we) (?:had|have|needed|need) to do(?: was| is)?)\b/;
const DIVERSION = new RegExp(String.raw`\b(?:before|instead of)\b(?=.*\b(?:reviews?|ratings?|feedback)$)`);
const CONDITIONAL_FRAME = /\b(?:if|once|provided|as long as|as soon as|the moment|in exchange|in return|conditional|condition|only if|unless)\b|=|→/;
/** The writer's own wish ("would give 5 stars if it came with a free case"): the writer sets the condition. */
const OWN_WISH = /\b(?:i|i'd|i'll|i would|i will|would|will|i might|could)(?: \w+)? (?:give|rate|leave|be|award)\b[^|]*\bif\b/;

function framedConditions(s: string, rewards: Piece[], candidates: Piece[], conditions: Piece[], limits: RewardGrammarLimits): RewardFinding[] {
  const out: RewardFinding[] = [];
  for (const r of rewards) {
    for (const c of candidates) {
      const [a, b] = r.start < c.start ? [r, c] : [c, r];
      if (b.start < a.end) continue;
      const gap = s.slice(a.end, b.start);
      if (wordCount(gap) > limits.windowWords || CUT.test(gap)) continue;
      if (gap.includes('|')) {
        // The condition's sentence may be cut by a colon ("Condition: five-star review").
        const parts = gap.split(' | ');
        const named = a === r && parts.length <= 3 && STATED_CONDITION.test(parts.slice(1).join(' '));
        if (named) out.push({ kind: 'conditional', excerpt: excerptOf(s, a, b), reward: r.text, joinedTo: c.text, connector: 'condition' });
        continue;
      }
      // Within one sentence the condition must be a review act or a rating value that an offer can ask for: not "a
      // positive experience", and a bare star value only next to an exchange ("for 5 stars", "5 stars = …").
      if (/\bexperiences?$/.test(c.text)) continue;
      const bare = !conditions.some((k) => k.start <= c.start && k.end >= c.end);
      if (bare && !/\bfor $/.test(s.slice(0, c.start)) && !/^ (?:=|→|gets?\b|earns?\b|and (?:get|receive)\b)/.test(s.slice(c.end))) continue;
      const from = s.lastIndexOf(' | ', a.start);
      const to = s.indexOf(' | ', b.end);
      const sentence = s.slice(from < 0 ? 0 : from + 3, to < 0 ? s.length : to);
      if (OWN_WISH.test(sentence) || negated(s, c, limits)) continue;
      // A remedy needs the condition word between the pieces or opening the first one ("…would ship as soon as my
      // review showed 5 stars"); another reward needs the offer told anywhere before the second piece.
      const m = REMEDY.test(r.text)
        ? (gap.match(CONDITIONAL_FRAME) ?? s.slice(from < 0 ? 0 : from + 3, a.start).match(CONDITIONAL_FRAME) ?? c.text.match(DIVERSION))
        : s.slice(from < 0 ? 0 : from + 3, b.start).match(OFFER_FRAME);
      if (!m) continue;
      out.push({ kind: 'conditional', excerpt: excerptOf(s, a, b), reward: r.text, joinedTo: c.text, connector: m[0] });
    }
  }
  return out;
}

const RECEIPT_ALONE = new RegExp(
  String.raw`\b(?:review|pr|press|test) (?:samples?|units?|copy|copies|package|kit)\b|(?:from|by) (?:the )?(?:brand|seller|company|manufacturer|maker|vendor|merchant)\b|\bcomp(?:ed|'d)\b|\bsponsored\b|\bsponser(?:ed|d)\b|\bgift (?:from|by)\b|${PR_PACKAGE}`,
);

// The product reviewed was itself the gift: a gift-type reward (free, sample, complimentary, giveaway, gifted)
// received as the object of the review ("received this as a free sample", "they sent it for free", "won it in the
// brand's giveaway", "I was given this product free of charge"), given by the merchant's side ("the manufacturer
// gifted me one"), or named with its giver ("sample provided by the brand"). A refund or a replacement is left
// out: a seller making good a fault gives those, and that is no incentive.
const GIFT_REWARD =
  /\b(?:free|foc|dime|samples?|complimentary|complementary|sponser(?:ed|d)|freebees?|gift(?:ed)?|giveaways?|prizes?|sponsored|no (?:extra )?cost|no charge|freebies?|on the house)\b/;
const MERCHANT_SIDE_WORDS = String.raw`(?:the |their |its |this )?(?:brand|seller|company|manufacturer|maker|vendor|merchant|publisher|author|pr team|people at the \w+)(?:'s)?`;
const MERCHANT_SIDE = String.raw`(?:the |their |its )?(?:brand|seller|company|manufacturer|maker|vendor|merchant|shop|store|retailer|publisher|author)(?:'s)?`;
const RECEIVED_THIS_BEFORE = new RegExp(
  String.raw`\b(?:received|receiving|got|getting|was given|were given|been given|was sent|were sent|sent|won|gifted)(?: (?:this|it|these|them|mine|one|this \w+|the \w+|these \w+))(?: (?:as|in|for|through|via|from|during))?(?: (?:a|an|the|their|its|part|of|\w+'s)){0,3}(?:(?<='s) \w+)?$`,
);
const GIVER_BEFORE = new RegExp(String.raw`\b${MERCHANT_SIDE}$`);
/** Read from the reward's first word on ("free by the brand", "sample provided by the brand"). */
const GIVER_AFTER = new RegExp(String.raw`^[^ |]+(?: \w+){0,3} (?:from|by) ${MERCHANT_SIDE}\b`);
// Chosen as a tester or reviewer: the product came with the role.
// Membership of a programme that hands out products for reviews: the product came with it ("through a product testing
// programme", "part of a brand ambassador campaign"), or a receipt whose stated purpose is this text ("they sent it so
// I'd write this").
const PROGRAMME = String.raw`(?:bloggers?'?|influencers?'?|sampling|seeding|product[- ]sampling|beta|product[- ]testing|product[- ]tester|testing|tester|testers|reviewer|reviewers|review|influencer|ambassador|brand ambassador|vine|insider|creator|seeding)`;
const MEMBERSHIP = new RegExp(
  String.raw`\b(?:through|via|from|as part of|part of|in|thanks to|because of|picked for|chosen for|selected for|joined)(?: (?:a|an|the|their|its|my|our|this|that|\w+'s))?(?: \w+)? ${PROGRAMME} (?:program(?:me)?s?|club|panel|campaign|scheme|group|community|team|promotion|deal|outreach)\b`,
);
// The writer's own sending ("I sent it out to my brother", "will send it over to the lab") is no receipt.
// The product sent or supplied by the merchant's side to the writer ("the company supplied this one", "thanks to the
// brand for sending this over", "got sent this in the post from the brand"); an order shipped ("the seller shipped it
// in two days") or a remedy ("sent me a replacement") is not one.
const MERCHANT_SENT = new RegExp(
  String.raw`\b${MERCHANT_SIDE_WORDS} (?:\w+ )?(?:supplied|provided|gifted|comped|lent|loaned) (?:me )?(?:this|it|these|them|one|this one|mine)\b|\b(?:got|was|were|been|be|being) (?:sent|gifted|supplied) (?:this|it|these|them|one|mine)\b[^|]*\b${MERCHANT_SIDE_WORDS}|\b${MERCHANT_SIDE_WORDS}(?: \w+){0,2} (?:sent|mailed|posted|gave|gifted|provided|supplied) (?:me|us) (?:a|an|some|their|its|this|one) (?:free |complimentary |few |couple of )?(?:samples?|testers?|freebies?|review (?:unit|copy|sample)|pr (?:package|box|kit))\b(?![^|]*\bwith (?:my|our|the|every|each|an?) (?:order|purchase|parcel|delivery)\b)|(?<!\b(?:i|we|i'll|we'll|i'd|we'd|will|would|please|can|could|should|and|then|i've|we've|had|have) )\b(?:sending|sent|send) (?:this|it|these|them|one) (?:over|out|my way)\b(?! (?:to|for) (?:(?:my|our|a|the) )?(?:\w+ )?(?:friend|brother|sister|mum|mom|dad|son|daughter|repair|service|lab))|\b${MERCHANT_SIDE_WORDS} (?:\w+ ){0,2}(?:sent|mailed|posted|shipped|gave) (?:me )?(?:this|these|one|it) (?:over|out|my way|to me|in the post)\b`,
);
const PRODUCT_TRIAL =
  /\b(?:as part of|part of|through|via|in|for) (?:a|an|the|their|its) (?:product|consumer|home|beta|user|customer) (?:trial|test|testing|study|pilot)\b/;
const RECEIVED_TO_WRITE = new RegExp(
  String.raw`\b(?:sent|gave|given|shipped|mailed|provided|handed)(?: (?:it|this|them|these|one|me|us|over|out)){1,3} so (?:that )?(?:i|i'd|i'll|we|we'd)(?: (?:could|would|can|will|might))? (?:write|review|test|try|post|share|talk|say|rate|cover)\b`,
);
const CHOSEN_TESTER =
  /\b(?:testers?|reviewers?|ambassadors?|influencers?) (?:picked|chosen|selected)\b|\b(?:picked|chosen|selected) (?:as|to be) (?:a |an |one of the )?(?:\w+ )?(?:testers?|reviewers?|ambassadors?)\b|\b(?:was|were|been|got|get) (?:picked|chosen|selected) to (?:review|test|try|trial|sample|evaluate)\b/;

function chosenTester(s: string, limits: RewardGrammarLimits): RewardFinding[] {
  const m = s.match(CHOSEN_TESTER) ?? s.match(MEMBERSHIP) ?? s.match(RECEIVED_TO_WRITE) ?? s.match(PRODUCT_TRIAL) ?? s.match(MERCHANT_SENT);
  if (!m || negated(s, { start: m.index!, end: m.index! + m[0].length, text: m[0] }, limits)) return [];
  return [{ kind: 'undisclosed', excerpt: m[0], reward: m[0], joinedTo: m[0], connector: '' }];
}

// ---- The product received for reviewing it, and the markers promoters use --------------------------------------------
// The reviewed product itself, received or handed over for a review, a test or the writer's opinion, read inside one
// sentence: "I received this in exchange for an honest review", "I was sent this unit for evaluation", "the seller
// offered me one to test", "the brand sent it to try". The receipt is passive, addressed to the writer ("sent me",
// "offered us"), or given by the merchant's side; "I gave it to my husband to try" and "sent it to my sister for her
// to test" are the writer's own acts. A thing sent to put a fault right (a replacement, a new one) is a remedy.
const LINK_TO_PURPOSE = String.raw`(?:to|for|in exchange for|in return for|so (?:that )?(?:i|we)(?: could| would| can| might)?)(?: (?:me|us) to)?(?: (?:an?|my|our|the|some|this))?(?: (?:honest|unbiased|fair|genuine|independent|candid|impartial|objective|own))?`;
const REVIEW_PURPOSE = String.raw`(?:reviews?|reviewing|evaluat\w+|feedback|opinions?|thoughts|assessment|write[- ]?ups?|writ(?:e|ing) (?:about|this|it|a review))\b`;
const TRY_PURPOSE = String.raw`(?:test|testing|trial|trialling|trialing|try|try (?:it |this |them )?out)\b`;
const HANDED_OBJECT = String.raw`(?: (?:this|it|these|them|one|mine|a|an|the|some|a couple of|a few of|early|free|for free|over|out|to me|to us|me|us|with)){0,4}(?: (?:product|item|unit|sample|pair|set|book|copy|kit|device|bottle|tube|jar|access|one|version|model|bundle|opportunity|chance))?(?: (?:free|for free|free of charge|at no cost))?`;
const RECEIVED_FOR_REVIEW = new RegExp(
  [
    // Passive or addressed to the writer: any review or test purpose.
    String.raw`\b(?:(?:was|were|been|being|be|got|get) (?:given|sent|send|provided|supplied|offered|lent|loaned|handed|mailed|shipped)|(?:sent|gave|given|provided|supplied|offered|lent|loaned|mailed|posted|shipped|handed) (?:me|us|over|to me|to us))${HANDED_OBJECT} ${LINK_TO_PURPOSE} (?:${REVIEW_PURPOSE}|${TRY_PURPOSE})`,
    // Base forms with the giver named, as many non-native writers put it ("company give me this for test"); not a request
    // or a hypothetical ("please send me one to try", "if they send me one").
    String.raw`(?<!\b(?:if|unless|when|please|would|could|should|will) )\b(?:they|${MERCHANT_SIDE_WORDS}) (?:give|gives|send|sends) (?:me|us)${HANDED_OBJECT} ${LINK_TO_PURPOSE} (?:${REVIEW_PURPOSE}|${TRY_PURPOSE})`,
    // Given by the merchant's side, whatever the object.
    String.raw`\b${MERCHANT_SIDE_WORDS}(?: \w+)? (?:sent|gave|provided|supplied|offered|lent|loaned|mailed|shipped)${HANDED_OBJECT} ${LINK_TO_PURPOSE} (?:${REVIEW_PURPOSE}|${TRY_PURPOSE})`,
    // The passive with its subject left out, opening a sentence: "Sent for review purposes", "Provided free to test".
    String.raw`(?:^|\| )(?:sent|provided|supplied|given|gifted|received|loaned|lent)(?: (?:free|for free|free of charge|at no cost|to me|to us|by the \w+)){0,2} (?:for|to) (?:review|reviewing|test|testing|trial|evaluation|evaluate|try)\b`,
    // Received by the writer: only for a review or an opinion, or in exchange ("got this to test" may be the buyer's own test).
    String.raw`\b(?:received|receiving|got|obtained)(?: (?:this|it|these|them|one|mine|the|a|an|my|our)){1,2}(?: (?:product|item|unit|sample|pair|set|book|copy|kit|device|bottle|tube|jar|one))?(?: (?:free|for free|free of charge|at no cost))? (?:${LINK_TO_PURPOSE} ${REVIEW_PURPOSE}(?! (?:of|on)\b)|(?:in exchange for|in return for)\b|for (?:testing|evaluation|trial) purposes\b)`,
  ].join('|'),
);
const REMEDY_OBJECT = /\b(?:replacement|new one|another one|wrong|fault\w*|broken|broke|damaged|missing|lost|defect\w*|repair\w*|warranty)\b/;
const MERCHANT_WORD =
  /^(?:brand|seller|company|manufacturer|maker|vendor|merchant|shop|store|retailer|publisher|author|team|pr|marketing|press|agency|brand's|seller's|company's|manufacturer's|maker's|publisher's)$/;
const ORDER_EXTRA = /\bwith (?:my|our|the|every|each|an?|any|this) (?:order|purchase|parcel|delivery)\b/;
// A giver from the writer's own life ("my physio gave me this to try", "I was given one to test by a friend").
const PERSONAL_GIVER =
  /\b(?:my|our|his|her|a|an|the) (?:\w+ )?(?:friends?|doctor|gp|physio\w*|nurse|dentist|vet|mum|mom|mother|dad|father|parents?|wife|husband|partner|sister|brother|son|daughter|aunt|uncle|gran\w*|neighbou?rs?|colleagues?|boss|co-?workers?|flatmates?|roommates?|pharmacist|optician|therapist|teacher|coach|trainer|family|kids?|(?:shop|sales|store) (?:assistant|staff|person)|salesman|saleswoman|hairdresser|stylist|beautician|barber)\b/;
// Promoters' markers: a hashtag ("#gifted", "#ad", "#sponsored", "#collab"), a bracketed tag ("(gifted)", "[ad]", "(PR
// product)"), an "AD" heading in capitals, a sentence that is only the tag ("Gifted. …", "PR sample, …"), a paid
// partnership, and the product told as a gift with no giver from the writer's own life ("product was gifted"; "I was
// gifted this by my mum" is a present). Read on the raw text for the hashtag and capitals, which normalising removes.
const PROMO_HASHTAG =
  /(?:^|[^\w#])#(?:ad|advert|advertisement|gifted|giftedby\w*|sponsored|spon|collab|pr|prproduct|prsample|prpackage|partnership|paidpartnership|paidpartner|freebie|samplereceived|freesample|influenster|voxbox|vinevoice|brandambassador|ambassador)(?![\w-])/i;
const PROMO_BRACKET =
  /[([]\s*(?:ad|advert|gifted|sponsored|pr(?: product| sample| package| gift)?|press sample|collab|paid (?:partnership|collab\w*)|free (?:product|sample))\s*[)\]]/i;
const PROMO_HEADING = /^\s*(?:AD|ADVERT)\b\s*(?:[|:\-–—/,]|$)/;
const PROMO_SENTENCE = new RegExp(
  String.raw`(?:^|\| )(?:gifted|sponsored|pr sample|pr product|press sample|review sample|gifted product|product gifted|sample gifted)(?= ?(?:\||,|–|—|-|$))|\bpaid (?:partnership|collab\w*|promotion|post)\b|\b(?:brand )?collab(?:oration)? with (?:the |this )?(?:brand|company|seller|maker|manufacturer)\b|\b(?:amazon vine|vine voice|influenster|voxbox|bzzagent|home tester club|netgalley|edelweiss)\b|\badvance (?:review|reader|reading) cop(?:y|ies)\b|\bcourtesy of ${MERCHANT_SIDE_WORDS}\b|\bthank(?:s| you)(?: so much)? to ${MERCHANT_SIDE_WORDS} for (?:the |this |my |a )?(?:free |complimentary |lovely |kind )?(?:samples?|products?|gifts?|opportunity|units?|copy|chance|freebies?)\b|\b(?:received|was given|was sent|got sent|was provided with) (?:a|an) (?:complimentary|free|gifted|review|pr|press|test) (?:unit|sample|copy|product|item|pair|set|kit|version|bottle)\b(?![^|]*\bwith (?:my|our|the|every|each|an?|any|this|it) ?(?:order|purchase|parcel|delivery|box)?\b)|\b(?:free|complimentary|gifted|pr|review) (?:product|item|unit|sample|kit)s? (?:received|provided|sent|supplied)\b|\b(?:product|item|unit|sample|kit)s? (?:received|provided|sent|supplied) (?:free of charge|for free|at no cost|complimentary|gratis|free(?! of))|\b(?:this|it|these|product|item|unit)(?: \w+)? (?:was|were|been) (?:sent|provided|given|supplied|gifted)(?: (?:to|for) (?:me|us))? (?:free of charge|for free|at no cost|complimentary|gratis|free(?! of))|\b(?:testing|trying|trialling|trialing|trialled|tested|tried|reviewing|reviewed) (?:this|it|these|them)(?: out)?(?: free)? for (?:the )?(?:brand|manufacturer|maker|publisher)\b|\baffiliate links?\b|(?:\b(?:they|${MERCHANT_SIDE_WORDS})(?: kindly)? (?:let (?:me|us)|allowed (?:me|us) to)|\b(?:lucky enough to|got to)) (?:try|test|have|keep|use|sample) (?:this|it|one|these|them)(?: out)? (?:for free|free of charge|at no cost|gratis|free)\b(?![^|]*\b(?:trial|days|weeks|month|months|in store|before buying)\b)|\b(?:brand|manufacturer|maker|company|publisher) (?:covered|paid for|footed the bill for) (?:it|this|the cost|the price|everything)\b(?! of (?:the )?(?:return|postage|shipping|delivery))|\b(?:buy|bought|order|ordered|purchase|purchased)(?: it| this| one)?(?: ,| and| then| ->| →| –| -)+ (?:review|reviewed|post(?:ed)? a review|leave a review|left a review)(?: it| this)?(?: ,| and| then| ->| →| –| -)+ (?:get |got |receive |received )?(?:(?:my|the|a|your) )?(?:money back|refund(?:ed)?|full refund|reimburs\w+|paid back|cash ?back)\b|\b(?:all|the only thing) (?:they|the (?:seller|brand|company|maker|manufacturer)) (?:asked|wanted|requested|required|expected)(?: for)?(?: in return)? (?:was|is) (?:a |an |my |our )?(?:honest |unbiased )?(?:review|feedback|opinion|thoughts)\b|\bin (?:return|exchange)(?: ,)? (?:they|the (?:seller|brand|company)) (?:only |just )?(?:asked|wanted|requested) (?:for )?(?:a|an|my) (?:honest |unbiased )?(?:review|feedback|opinion|thoughts)\b|\b(?:free|complimentary|gifted|sponsored|sponser(?:ed|d)|pr|tester) (?:(?:sample|product|unit|item|copy) )?(?:review|test)\b(?! (?:of|on|from) (?:my|our|other|another)\b)|\b(?:reviewers?|testers?) (?:discounts?|codes?|coupons?|deals?|prices?|rebates?)\b|\breview (?:discounts?|deals?|rebates?|coupons?|prices?)\b|\b(?:with|using|used) (?:a |the |my )?review code\b|\b(?:discount|code|coupon|deal|price|rebate|freebies?|samples?)s? (?:offered|given|available|sent) to (?:reviewers|testers|influencers)\b|\b(?:code|coupon|voucher)s? (?:to get|for getting|that made) (?:this|it|one|these)(?: \w+)? (?:free|for free|for nothing|at no cost)\b|\b(?:on loan|loaner(?: unit| sample| model| device)?|loaned|lent) (?:\w+ ){0,2}(?:from|by) (?:the |their |its )?(?:brand|manufacturer|maker|publisher|company|pr team)\b|\b(?:i'm|i am|i've been|i have been|as) (?:a |an |their |the |one of their )?(?:brand )?ambassadors?\b|\b(?:i|we) (?:was|were|am|are|'m) (?:a |an |one of the )?(?:beta |product |early |official )?testers? (?:for|with) (?:this|the|their|them|these)\b|\bthank(?:s| you)(?: so much)?(?: to)? (?:[a-z0-9']+ ){1,3}for (?:the |this |my |a |these |sending (?:me |us )?(?:the |this |a )?)?(?:(?:free|complimentary) (?!shipping|delivery|postage|returns?|upgrade)\w+|samples?|freebies?|pr (?:package|box)|review (?:unit|copy|sample))|\b(?:i|we) (?:often |regularly |sometimes |occasionally |usually )?(?:receive|get|am sent|am given|are sent|are given) (?:free )?(?:products|items|samples|stuff|things) (?:to (?:review|test|try)|for (?:review|testing|free))\b|\b(?:(?:was|were|been|got) (?:(?:contacted|approached|invited|selected|chosen)(?: by ${MERCHANT_SIDE_WORDS})?|asked by ${MERCHANT_SIDE_WORDS})|${MERCHANT_SIDE_WORDS} (?:reached out to|contacted|approached|invited) (?:me|us)(?: and asked (?:me|us))?) to (?:try|test|trial|sample)\b|\bin (?:exchange|return) (?:for|of) (?:an? |my |this )?(?:honest |unbiased |fair |genuine |independent )?(?:reviews?|feedback|opinions?|thoughts)\b|\b(?:the |their |its )?(?:brand|manufacturer|maker|publisher|pr team|marketing team)(?:'s (?:\w+ )?team)? (?:very )?(?:kindly |generously )?(?:sent|gave|gifted|mailed|posted) (?:me|us)\b|\b(?:i|we) (?:may |might |will )?earn (?:a )?(?:small )?commission\b`,
);
const GIFTED_PASSIVE =
  /\b(?:was|were|been|being|be|got|get|is|are) gifted(?: (?:this|it|these|them|one|to (?:me|us)))?\b(?! (?:\w+ ){0,3}?(?:by|from) (?:my|a|an|our|his|her|their|some|family|friends?|work|colleagues?)\b)(?! (?:\w+ ){0,4}?(?:for (?:my|our|christmas|xmas|birthday|mother's|father's)|as a (?:birthday|christmas|xmas|wedding|leaving|retirement)))/;

/** The product received for a review, or tagged the way promoters tag what they were given. */
function receivedForReview(raw: string, s: string, limits: RewardGrammarLimits): RewardFinding[] {
  const lower = raw.normalize('NFKC');
  for (const re of [PROMO_HASHTAG, PROMO_BRACKET, PROMO_HEADING]) {
    const m = lower.match(re);
    if (!m) continue;
    const before = lower.slice(0, m.index).toLowerCase().split(/\s+/).filter(Boolean).slice(-limits.negationWords).join(' ');
    if (NEGATION.test(before)) continue;
    const tag = m[0].trim();
    return [{ kind: 'undisclosed', excerpt: tag, reward: tag, joinedTo: tag, connector: 'tagged' }];
  }
  for (const re of [RECEIVED_FOR_REVIEW, PROMO_SENTENCE, GIFTED_PASSIVE]) {
    const m = s.match(re);
    if (!m) continue;
    const from = s.lastIndexOf(' | ', m.index!);
    const to = s.indexOf(' | ', m.index! + m[0].length);
    const sentence = s.slice(from < 0 ? 0 : from, to < 0 ? s.length : to);
    // A remedy, or an extra that came with an order ("thanks to the seller for the free gift with my order").
    if (REMEDY_OBJECT.test(sentence) || ORDER_EXTRA.test(sentence)) continue;
    if (re === RECEIVED_FOR_REVIEW && PERSONAL_GIVER.test(sentence)) continue;
    // "The hairdresser gave me a sample to try": a named giver who is not the merchant's side.
    const subject = s.slice(from < 0 ? 0 : from + 3, m.index).match(/\b(?:my|a|an|the|our|his|her|their) ([\w']+) (?:\w+ )?$/);
    if (re === RECEIVED_FOR_REVIEW && subject && !MERCHANT_WORD.test(subject[1]!)) continue;
    if (negated(s, { start: m.index!, end: m.index! + m[0].length, text: m[0] }, limits)) continue;
    return [{ kind: 'undisclosed', excerpt: m[0], reward: m[0], joinedTo: m[0], connector: re === RECEIVED_FOR_REVIEW ? 'received for' : 'tagged' }];
  }
  return [];
}

// A reward told in one sentence and the review told as what was owed for it in the same or the next ("Got a voucher from
// the seller. The deal was that I review it", "Refund came through. Review as promised", "They reimbursed me. I said I
// would leave a review"). A refund or replacement in a sentence that names a fault is a remedy, and a review promised
// after it is the buyer's own.
const REVIEW_ACT = String.raw`(?:reviews?|reviewing|reviewed|feedback|rating|write-?up|this)`;
const OBLIGED_REVIEW = new RegExp(
  [
    String.raw`\b(?:in exchange|in return|in turn)(?: ,)? (?:i|we)(?: \w+)? (?:am |'m |was |have |had )?(?:writing|wrote|write|written|promised|agreed|post|posted|posting|leave|left|leaving|give|gave|giving|review|reviewed|reviewing)\b(?: \w+){0,3}`,
    // "The deal" and "the condition" are also a bargain and an item's state: the writer's review act must follow.
    String.raw`\b(?:the deal|the catch|the arrangement|the agreement|the requirement|my side of the deal|our side of the deal)(?: was| is)?(?: that)?(?: ,| \|)? (?:i|we) (?:\w+ ){0,2}(?:review|write|post|leave|rate)\w*\b`,
    String.raw`\b(?:my|our) side of the deal(?: ,| \|)? (?:this|a|my) (?:review|write-?up)\b|\ball (?:i|we) (?:had|have|needed|need) to do (?:was|is) (?:to )?(?:write|post|leave|review|give)\b`,
    String.raw`\b(?:the )?condition (?:was|is)(?: that)?(?: (?:i|we))?(?: (?:a|an|to|write|post|leave|give|my))* review\b`,
    String.raw`\b(?:reviews?|feedback|rating|write-?up)(?: \w+)? (?:(?:posted|written|left|done|up) )?(?:as (?:agreed|promised|requested|asked|arranged|discussed)|required)\b`,
    String.raw`\b(?:here is|here's|posting|this is|writing) (?:my|the|this) ${REVIEW_ACT} as (?:agreed|promised|requested|asked|arranged)\b`,
    String.raw`\b(?:they|the (?:seller|brand|company|maker|manufacturer)) (?:just |only |simply )?(?:wanted|asked for|asked (?:me|us) for|requested|required|expected) (?:a|an|my|our) (?:honest |quick |short |fair )?(?:review|feedback|rating|write-?up)\b`,
    String.raw`\b(?:i|we) (?:said|agreed|promised) (?:(?:i|we)(?:'d| would| will)? )?(?:to )?(?:leave|write|post|give|do) (?:a|an|my|our|them a) (?:\w+ )?(?:review|feedback|rating|write-?up)\b|\b(?:i|we) promised (?:a|an|them a) (?:\w+ )?review\b`,
    String.raw`\b(?:they|the (?:seller|brand|company)) asked (?:me|us) to (?:write|post|leave) (?:this|a review|a|my|an)\b`,
  ].join('|'),
  'g',
);

const PURCHASE_CONTEXT =
  /\b(?:sale|sales|bought|buy|paid(?! (?:(?:me|us|you) )?back\b)(?! (?:me|us)\b)|ordered|purchased|checkout|newsletter|black friday|clearance|student)\b/;
function obligedReview(s: string, rewards: Piece[], limits: RewardGrammarLimits): RewardFinding[] {
  const obliged = find(OBLIGED_REVIEW, s);
  for (const r of rewards) {
    const from = s.lastIndexOf(' | ', r.start);
    const to = s.indexOf(' | ', r.end);
    const sentence = s.slice(from < 0 ? 0 : from, to < 0 ? s.length : to);
    if (REMEDY.test(r.text) && REMEDY_OBJECT.test(sentence.replace(r.text, ''))) continue;
    // A discount the writer bought with ("in the sale", "at checkout") is a price, whatever review they promise.
    if (PURCHASE_CONTEXT.test(sentence)) continue;
    for (const o of obliged) {
      if (o.start < r.end) continue;
      const gap = s.slice(r.end, o.start);
      if (wordCount(gap) > limits.windowWords || gap.split(' | ').length - 1 > limits.sentenceHops || CUT.test(gap)) continue;
      if (negated(s, o, limits)) continue;
      return [{ kind: 'undisclosed', excerpt: excerptOf(s, r, o), reward: r.text, joinedTo: o.text, connector: 'owed for it' }];
    }
  }
  return [];
}

function giftOfThisProduct(s: string, r: Piece, limits: RewardGrammarLimits): boolean {
  if (!GIFT_REWARD.test(r.text)) return false;
  const sentenceStart = s.lastIndexOf(' | ', r.start);
  const before = s
    .slice(sentenceStart < 0 ? 0 : sentenceStart + 3, r.start)
    .trim()
    .split(' ')
    .filter((w) => w && w !== ',')
    .slice(-limits.connectorGapWords - 3)
    .join(' ');
  const end = s.indexOf(' | ', r.end);
  const after = s.slice(r.start, end < 0 ? s.length : end);
  const sentence = s.slice(sentenceStart < 0 ? 0 : sentenceStart + 3, end < 0 ? s.length : end);
  // "Received at no cost to me": the receipt opens the sentence with its object left out.
  const opening = s.slice(sentenceStart < 0 ? 0 : sentenceStart + 3, r.start).trim();
  if (/^(?:received|sent|provided|given|supplied|gifted)(?: to (?:me|us))?$/.test(opening)) return true;
  // "They sent me a free one": an article instead of "this"; a thing sent to make good a fault is a remedy.
  if (SENT_ME_A.test(before) && !REMEDY_OBJECT.test(sentence) && !ORDER_EXTRA.test(sentence) && !PERSONAL_GIVER.test(sentence)) return true;
  return RECEIVED_THIS_BEFORE.test(before) || GIVER_BEFORE.test(before) || GIVER_AFTER.test(after);
}
const SENT_ME_A = new RegExp(
  String.raw`(?:\b(?:they|${MERCHANT_SIDE_WORDS})(?: \w+)? (?:sent|gave|mailed|posted) (?:me|us)|\b(?:was|were) (?:sent|given)) (?:a|an)$`,
);

function dedupe(list: RewardFinding[]): RewardFinding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.kind}\u0000${f.excerpt}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The strongest reading of the text: conditional beats undisclosed; null when no reward is joined to anything. */
export function classifyReward(text: string, limits: RewardGrammarLimits): RewardFinding | null {
  const all = findRewards(text, limits);
  return all.find((f) => f.kind === 'conditional') ?? all[0] ?? null;
}

// Speaker stance towards a rating-conditioned offer. A buyer who reports, refuses or warns about an offer is a
// witness against the merchant, not a paid reviewer: the same offer sentence ("a card in the box offered a gift
// card for five stars") is a confession when the text goes on to comply ("so here it is") and a report when it
// refuses or condemns it ("No thanks", "reporting this"). Only an explicit refusal or condemnation counts as a
// report; an offer told without any stance stays conditional (we cannot tell it from compliance).
const REFUSAL = new RegExp(
  [
    String.raw`\b(?:i|we) (?:(?:have |had )?(?:refused|declined|rejected|ignored|reported|reject|refuse|decline|ignore)|said no|passed)\b`,
    String.raw`\bturn(?:ed|ing)? (?:it|that|this|them|the offer|the \w+) down\b|\bturned down\b`,
    String.raw`\b(?:absolutely|definitely|certainly|obviously|hell) not\b|\bhell no\b|\bnot a chance\b|\bno chance\b|\bnot (?:playing along|doing (?:it|that|this))\b`,
    // Throwing the offer away: "went straight in the bin", "tossed it".
    String.raw`\b(?:binned|tossed|trashed|shredded)\b|\bthrew (?:it|that|this|them|the \w+) (?:away|out)\b|\b(?:in|into) the (?:bin|trash|recycling|rubbish)\b`,
    // First person, negated, about the act the offer asked for ("I'm not changing anything"; not "wouldn't change a thing").
    String.raw`\b(?:i|we|i'm|i am|we're|we are|i'll|we'll)(?: \w+)? (?:not|never) (?:going to )?(?:chang\w*|updat\w*|edit\w*|rais\w*|remov\w*|delet\w*|budg\w*|touch\w*|giv\w* in|go\w* along|cav\w*)\b(?! a thing)|\b(?:i|we) (?:won't|will not|wouldn't|would not|didn't|did not|don't|do not|can't|cannot) (?:chang\w*|updat\w*|edit\w*|rais\w*|remov\w*|delet\w*|budg\w*|giv\w* in|go\w* along|cav\w*)\b(?! a thing)`,
    String.raw`\btold (?:them|him|her|the seller|the shop|support|the company) (?:no|off|where to|to get lost|not to bother|to forget it)\b|\bnice try\b|\bnot how (?:i|we) (?:work|roll|operate|do (?:things|reviews)|review)\b|\b(?:i'd|i would|i'll|we'd) rather (?:be honest|tell the truth|stay honest|keep|be truthful|pay)\b`,
    String.raw`\b(?:i've|i have|i|we|we've) (?:blocked|reported|ignored) (?:them|him|her|the seller|the shop|their|the message|the email|the card)\b`,
    String.raw`\bso (?:it's|it is|my rating is|the rating is) still\b|\b(?:this|it|my review|the review|my rating) stays (?:up|put|here|as it is)\b`,
    // A bare "no." as its own sentence, passing on it, an elliptical "I haven't and I won't".
    String.raw`(?:^|\| )(?:no|nope|nah)(?= \||$)|\b(?:i'll|i will|we'll|i'd|i) pass\b|\bpass(?:ed|ing)? on (?:it|that|this|the offer)\b|(?:^|\| )(?:i|we) (?:haven't|have not|won't|will not|didn't|did not)(?: and (?:i|we) (?:won't|will not|never will))?(?= ?(?:\||$))`,
    String.raw`\blol,? no\b|\bnah\b|\byeah,? right\b|\bnot gonna happen\b|\bnot going to happen\b|\bwhich (?:i|we) (?:won't|will not|didn't|did not|never) do\b`,
    String.raw`\bno,? thanks?\b|\bnot happening\b|\bno way\b|\bnope\b|\bnot interested\b`,
    // With the writer as the unspoken subject, at the start of a sentence or clause ("… for five stars. Refused.");
    // "customer service ignored my emails" has another subject and says nothing about the writer's stance.
    String.raw`(?:^|[|,] )(?:refused|declined|ignored|rejected|reported)\b`,
    String.raw`\b(?:i|we) (?:will not|won't|wouldn't|would not|refuse to|cannot|can't) be (?:bought|bribed|paid off)\b|\bnot for sale\b|\b(?:claimed|took|accepted|wanted) nothing\b`,
    String.raw`\b(?:i'm|i am|we're|we are) (?:keeping|leaving|sticking with) (?:it|my|the|this)\b|\b(?:my|this) (?:review|rating) stays\b`,
    String.raw`\b(?:didn't|did not|never) (?:take|took|accept|claim|reply|respond|answer|go for|bother)\b`,
    String.raw`\b(?:ignore|ignoring|ignored) (?:that|it|the|this|them|their)\b`,
    String.raw`\b(?:refus(?:e|ed|ing)|declin(?:e|ed|ing)) (?:it|that|the|this|them|their|to)\b|\bwhich i (?:declined|refused|ignored)\b`,
    String.raw`(?:\b(?:didn't|did not|don't|do not|won't|will not|wouldn't|would not|am not|i'm not|not going to|never|refuse to|not) (?:\w+ ){0,2}(?:take|took|taking|accept|accepting|do|doing|play|playing|fall|comply|be bribed|sell|bite|bother))\b`,
    // Lying for the reward refused; "not going to lie, …" and "I won't lie" alone are the idiom for "honestly".
    String.raw`\b(?:won't|will not|wouldn't|would not|refuse to|not going to|never) lie (?:for|about|to get|in exchange|in return)\b`,
  ].join('|'),
);
const CONDEMNATION = new RegExp(
  [
    String.raw`\b(?<!(?:happy|glad|pleased|sad|sorry|proud) to )report(?:ing|ed)?\b(?! (?:card|says|said))`,
    String.raw`\bbeware\b|\bwarning\b|\bheads up\b|\bbe warned\b|\bnote to (?:moderators|other|others|buyers)\b|\bfyi\b`,
    String.raw`\bbrib(?:e|es|ed|ing|ery)\b|\bblackmail\w*\b|\bextort\w*\b|\bscam\w*\b|\bmanipulat\w+\b`,
    String.raw`\bnot (?:okay|ok|right|acceptable|cool|fair|how (?:this|it|reviews?) works?)\b|\bdoesn't feel right\b|\bfeels? wrong\b|\bshouldn't have to\b`,
    String.raw`\b(?:try|tries|tried|trying) to buy\b|\bbuy(?:ing)? (?:good |positive |fake )?reviews\b|\bfake reviews?\b`,
    String.raw`\btells you (?:something|everything|all)\b|\bsays (?:a lot|everything|it all)\b|\bred flag\b`,
    String.raw`\b(?:this|my) (?:review|rating) is (?:unpaid|honest|my (?:own|honest))\b|\bmy honest (?:opinion|review|rating)\b|\ban honest (?:one|review|opinion) instead\b|\bhere is my honest\b`,
    String.raw`\bridiculous\b|\bdisgusting\b|\bshameful\b|\bappalling\b`,
    // Naming the rule the offer breaks, or telling the platform about it.
    String.raw`\bagainst (?:the |their |your |site |platform |candor's )?(?:rules|policy|policies|terms|guidelines|law)\b|\b(?:not|isn't|is not) allowed\b|\billegal\b|\bunethical\b|\bdishonest\b`,
    String.raw`\bflag(?:ging|ged)?\b|\blet (?:the )?(?:platform|moderators?|site|candor|support) know\b|\b(?:told|telling|informed|emailed|contacted|alerted) (?:the )?(?:platform|moderators?|site|candor)\b`,
    String.raw`\b(?:rate|rating|rated) it (?:what|as) it deserves\b|\b(?:my|an|the) (?:actual|real|true|unbiased|unfiltered|genuine) (?:opinion|experience|rating|review|thoughts)\b`,
    String.raw`\b(?:don't|do not|can't|cannot|won't|wouldn't) trust (?:the|these|their|any|its|this shop's|the seller's)\b`,
    String.raw`\bwhat (?:i|we) (?:actually|really|honestly|truly) (?:think|feel|thought|felt)\b|\b(?:keep|bear) (?:that|this) in mind\b|\b(?:that's|that is|which is) (?:why|the reason)\b`,
    String.raw`\bwith (?:caution|care|a pinch|a grain|suspicion|scepticism|skepticism)\b|\bplease note\b|\b(?:what|as) it (?:deserves|merits|earned|is worth)\b`,
    String.raw`\bharass\w*|\bpester\w*|\bbully\w*|\bpushy\b|\bcreepy\b`,
    String.raw`\b(?:honest\w*|truthfully|the truth|real|genuine|unpaid|own) (?:\w+ )?instead\b|\binstead,? (?:i'm|i am|here is|here's|this is)\b|\b(?:writing|telling|giving you|here is|here's) the truth\b|\bpinch of salt\b|\bgrain of salt\b`,
  ].join('|'),
);
// A frame in which the offer did not happen to the writer or was not taken: "even if they offered …", "if they
// think a voucher buys five stars".
const HYPOTHETICAL = new RegExp(
  [
    String.raw`\beven if (?:they|the seller|the company|you|someone|somebody)\b`,
    String.raw`\bif (?:they|the seller|the company|the brand) (?:think|thinks|thought|expect|expects|believe|believes|hope|hopes)\b`,
    // Not the praise "I would not change a thing", "I wouldn't hesitate".
    String.raw`\b(?:i|we) (?:(?:would|will) (?:never|not)|wouldn't)\b(?! (?:\w+ )?(?:change|alter|improve|fix) (?:a thing|anything)\b| (?:hesitate|regret|be without|go back)\b)`,
  ].join('|'),
);
// Someone else received the offer: the writer warns about the shop's other reviews ("other buyers get vouchers for
// five stars", "the glowing reviews here were paid for").
const THIRD_PARTY = new RegExp(
  [
    String.raw`\b(?:other|some|many|most|lots of|plenty of) (?:buyers|customers|reviewers|people|shoppers|users)\b|\b(?:another|a fellow|one other) (?:buyer|customer|reviewer|shopper)\b`,
    String.raw`\b(?:apparently|seems|suspect|wonder|explains|explain) (?:\w+ ){0,3}(?:reviews|ratings|buyers|reviewers)\b`,
    String.raw`\b(?:the|those|these|all the|their) (?:5[- ]star|five[- ]star|positive|glowing|good|high) (?:reviews|ratings)(?: here)? (?:are|were|must be|might be|may be)\b`,
  ].join('|'),
);
// Compliance or receipt told in the text wins over a stance marker ("…, so I did. No regrets").
const COMPLIANCE = new RegExp(
  [
    String.raw`\bso (?:i|we) did\b|\bso here it is\b|\bhere (?:they|it) (?:are|is)\b|\bas (?:promised|requested|agreed|asked)\b|\bdeal (?:done|accepted)\b|\b(?:which|and) (?:i|we) (?:took|accepted|claimed|grabbed)\b(?! (?:nothing|none|no)\b)|\baccepted\b|\bit is (?:down|gone|changed|updated) now\b`,
    String.raw`\b(?:i|we) (?:got|received|took|accepted|claimed|collected|kept) (?:the |my |a |an |our |their )?(?:full |partial )?(?:refund|voucher|gift ?card|cashback|cash back|credit|money|replacement|discount|reward|rebate|bonus|gift|sample|code)\b`,
    String.raw`\b(?:i|we) (?:changed|updated|raised|edited|bumped|removed|deleted|upgraded) (?:my|our|the) (?:review|rating)\b`,
    String.raw`\bthey (?:refunded|reimbursed|paid|compensated) (?:me|us)\b`,
  ].join('|'),
);

// "Worth it" is a verdict on whatever was just told: after the offer, on taking it ("… for five stars. Worth it."); before
// the offer, on the product ("Charges my phone fast. Worth it. There was a card in the box promising …"). It is read as
// compliance only from the offer's own sentences on.
const COMPLIANCE_AFTER_OFFER = /(?<!not |isn't |wasn't )\bworth it\b/;

/** The text around a conditional finding reports, refuses or condemns the offer rather than accepting it. */
export interface OfferStance {
  /** The words that carry the stance, as read. */
  stance: string;
  /** The writer refused it, condemned or reported it, told it as a hypothetical, or told of an offer made to others. */
  kind: 'refused' | 'condemned' | 'hypothetical' | 'made to others';
}

export function reportsOffer(text: string, finding: RewardFinding | null, limits: RewardGrammarLimits): OfferStance | null {
  if (!finding) return null;
  const s = repairTypos(normalizeForGrammar(text), limits);
  // The stance must be about the offer: the sentences holding it plus stanceSentences on either side ("Beware: …",
  // "… No thanks."), not a "not" about the product three sentences later. Compliance is read in the same scope: a
  // title "Not worth it" or a "so I did" about something else says nothing about the offer.
  const sentences = s.split(' | ');
  const at = s.indexOf(finding.excerpt.replace(/\. /g, ' | ').replace(/, /g, ' , '));
  const first = at < 0 ? 0 : s.slice(0, at).split(' | ').length - 1;
  const last = at < 0 ? sentences.length - 1 : first + finding.excerpt.split('. ').length - 1;
  let end = last + limits.stanceSentences + 1;
  // Sentences of one or two words ("Ha.", "Done.") do not use up the scope: the stance may follow them.
  for (let k = last + 1; k < end && k < sentences.length; k++) if (wordCount(sentences[k]!) <= 2) end++;
  const near = sentences.slice(Math.max(0, first - limits.stanceSentences), end).join(' | ');
  if (COMPLIANCE.test(near) || COMPLIANCE_AFTER_OFFER.test(sentences.slice(first, end).join(' | '))) return null;
  const readings: [RegExp, OfferStance['kind']][] = [
    [REFUSAL, 'refused'],
    [CONDEMNATION, 'condemned'],
    [HYPOTHETICAL, 'hypothetical'],
    [THIRD_PARTY, 'made to others'],
  ];
  for (const [re, kind] of readings) {
    // Reward language with no condition is a witness's only when the reward went to others ("the seller pays other
    // buyers with gift cards for reviews"); a refusal word near "received this free for my honest review" is not one.
    if (finding.kind === 'undisclosed' && kind !== 'made to others') continue;
    const m = near.match(re);
    if (m) return { stance: m[0].trim(), kind };
  }
  return null;
}

// ---- Typing slips in grammar words ---------------------------------------------------------------------------------
// Real reviews misspell the very words the grammar reads ("writting a glowing reivew", "5-sttar", "acceted"). A word is
// repaired only towards one of the ANCHOR words below (the rewards, conditions and stance words the grammar cannot do
// without), when it is a typing slip of it: one letter doubled, two neighbouring letters swapped, or one inner letter
// dropped; the first letter never changes. Words the grammar reads anywhere are never rewritten (they are words, not
// slips), nor are common words one slip away from an anchor ("sending" is not "spending", "trail" is not "trial"):
// anchors are a short, fixed list, so a real word is rewritten only if it is one slip from an anchor and is not
// itself a grammar word.
const ANCHOR_WORDS = new Set(
  (
    'review reviews reviewed reviewing reviewer reviewers writing written rating ratings rated star stars accepted accept ' +
    'claim claimed exchange return voucher vouchers coupon coupons refund refunds refunded reimbursed reimburse reward ' +
    'rewards rewarded freebie sponsored positive glowing promised promise offered offering offers would could should ' +
    'seller company changed change changing updated update updating removed remove deleted delete leave leaving ' +
    'screenshot receive received receiving refill expect expected honest declined refused ignored reporting reported ' +
    'interested credit discount testing tester testers program programme campaign sample samples complimentary ' +
    'cashback warranty gifted giveaway bribe ' +
    // The pronouns a refusal points with ("I am ignoring that"): a slip there ("ignoring thhat") must not turn a
    // buyer's refusal into acceptance.
    'that this them their these those'
  ).split(' '),
);
const GRAMMAR_WORDS = new Set(
  [REWARD, RECEIPT, CONDITION, PURPOSE, REFUSAL, CONDEMNATION, COMPLIANCE]
    .map((re) => re.source)
    .concat([REWARD_TO_CONDITION, CONDITION_TO_REWARD, REWARD_TO_PURPOSE, [...ANCHOR_WORDS].join(' ')])
    .flatMap((src) => src.replace(/\\[a-z]/g, ' ').match(/[a-z]{3,}/g) ?? []),
);

function typoTarget(word: string): string | null {
  // A doubled letter ("cllaim", "wouuld") or two neighbouring letters swapped ("reivew", "vouhcer").
  for (let i = 1; i < word.length; i++) {
    const collapsed = word.slice(0, i) + word.slice(i + 1);
    if (word[i] === word[i - 1] && ANCHOR_WORDS.has(collapsed)) return collapsed;
    if (i >= 2) {
      const swapped = word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
      if (swapped !== word && ANCHOR_WORDS.has(swapped)) return swapped;
    }
  }
  return null;
}

/** Anchor words by every form with one inner letter dropped ("acceted" → "accepted"), built once, never changed. */
const DROPPED_LETTER: ReadonlyMap<string, string> = new Map(
  [...ANCHOR_WORDS].flatMap((w) =>
    Array.from({ length: w.length - 1 }, (_, k) => [w.slice(0, k + 1) + w.slice(k + 2), w] as [string, string]).filter(([slip]) => !GRAMMAR_WORDS.has(slip)),
  ),
);

/** The normalised text with typing slips in grammar words repaired (words shorter than typoMinLetters are kept). */
export function repairTypos(s: string, limits: RewardStanceLimits): string {
  return s.replace(/[a-z]+/g, (w) => {
    if (w.length < limits.typoMinLetters || GRAMMAR_WORDS.has(w) || FILLERS.has(w)) return w;
    return typoTarget(w) ?? DROPPED_LETTER.get(w) ?? w;
  });
}

// Development phrasings for the reward grammar, written while building it (the held-out set is separate and was
// never used to build or tune it). Each list is what the grammar must say about the sentence.
export const DEV_CONDITIONAL = [
  'The seller offered a full refund if I leave a 5-star review.',
  'They promised a $20 gift card for a five star rating.',
  'The seller asked me to change my review and offered a partial refund.',
  'Support said they would refund me only after I remove my negative review.',
  'Received a message offering cashback if I raised my rating.',
  'A little card in the box promised a free second bottle for anyone who leaves a 5 star review.',
  'Leave a glowing review and they send you a $15 Amazon voucher.',
  'They emailed me a discount code in return for a positive review.',
  'Store credit was offered once I updated my one-star review.',
  'The company said I could keep the item for free as long as I gave it five stars.',
  'Rate us 5 stars to receive a bonus item with your next order.',
  'We were offered 30% off our next purchase if we wrote a good review.',
  'The insert said: post a 5-star review, get your money back.',
  'They will reimburse the full price once you leave top marks.',
  'I got a message that a refund would be issued provided that I delete my review.',
  'Cashback of £10 in exchange for a positive rating, according to the leaflet.',
  'They told me to bump my rating to five stars to get the replacement for free.',
  'The seller offered a voucher. I just had to leave five stars.',
  'Change your review to 5 stars and we will refund you in full.',
  'They offered free store credit on condition that I take down my bad review.',
];
export const DEV_UNDISCLOSED = [
  'I received this tent for free in exchange for my honest review.',
  'The brand sent me this jacket to test and review.',
  'Got it at a steep discount for reviewing it.',
  'I was given a free sample to try out and share my thoughts.',
  'This was provided to me by the manufacturer for review purposes.',
  'In exchange for my feedback I received a gift card.',
  'They reimbursed me after I posted my review.',
  'I got a free unit as part of their product testing program.',
  'The seller gave me a voucher for writing this review.',
  'This is a review sample, so keep that in mind.',
  'Received a complimentary pair to evaluate.',
  'I was paid to test this stove for a week.',
];
export const DEV_NEGATIVES = [
  'Five stars because it works exactly as described.',
  "I'd give five stars if the zipper didn't break after a week.",
  "I'd give it five stars if they had refunded me faster.",
  'Bought it with a 20% discount during the winter sale and it is great.',
  'I got a refund for the first one which arrived broken. Five stars for the replacement.',
  'A gift from my sister, and I love it.',
  'Free shipping and it arrived in two days.',
  'The refund took three weeks after it broke, so I am updating my review to two stars.',
  'Nobody paid me for this review, I bought it with my own money.',
  'Not sponsored, just a happy customer.',
  'The discount code from the newsletter worked at checkout.',
  'My wife gifted me this for my birthday and it is a five star product.',
  'Got a refund when it broke, and the replacement is a five star product.',
  'I paid $60 for this and I would leave five stars again.',
  'Returned it for a full refund, the sizing was wrong.',
  'Worth every penny, top marks from me.',
  'I left a five star review for the old model too, this one is even better.',
  'The store credit from my return covered half of this one. Five stars.',
  'This is my honest review after three months of use.',
  'Price drop with a coupon made it a bargain, would rate it highly.',
];
// Second round, written after the first list passed, to probe forms the first list did not have.
export const DEV_CONDITIONAL_2 = [
  'Our team will send you a gift card after you share a positive experience online.',
  'Free accessory kit when you rate the product 5★.',
  'Earn double loyalty points by leaving a 5-star review.',
  'Get $10 back for every 5 star review, the flyer says.',
  'I was promised reimbursement in full if my review was positive.',
  'The seller would only send a replacement if I changed the rating.',
];
export const DEV_UNDISCLOSED_2 = ['The manufacturer reached out and offered a free unit to review.', 'They sent me two of these to try out before launch.'];
export const DEV_NEGATIVES_2 = [
  'They sent a replacement within a week when the pump failed, great service.',
  'Had a positive experience with customer service, they refunded the shipping.',
  'I would give it 5 stars but the strap broke.',
];
// Third round (policy 2026.9), written for structures the tuning seeds of generator B showed missing: the product
// itself received as the gift, a promoter's package, a chosen tester, and a condition opened by "if" or an exchange
// followed by the giver's promise. Own wording, not copied from any generator or from the held-out file.
export const DEV_CONDITIONAL_3 = [
  'The note said if we bumped our rating to five stars they would knock 20% off the next order.',
  'In return for top marks the shop is giving me an extended warranty.',
  '4 stars = free refill kit, according to the leaflet.',
  'When you post a glowing review the seller sends a bonus cable.',
];
export const DEV_UNDISCLOSED_3 = [
  'Got this one as a complimentary unit, nice blender though.',
  'The publisher gifted me a copy ahead of release.',
  'Arrived in a creator kit along with stickers.',
  'I was selected as a tester for the new range.',
  'Headphones provided free by the brand, sound is decent.',
];
export const DEV_NEGATIVES_3 = [
  'When I complained the seller sent a replacement and it works now.',
  'Bought it in the sale, free delivery too.',
  'My brother gave me this for free when he upgraded.',
  'If it had a longer cable I would give five stars; they refund returns quickly though.',
  'The free sample of cleaner that came with it was a nice touch.',
];

// h9reward: the product received for a review ("received this in exchange for…", "was given this to review", "they sent
// over … for us to review"), promoters' tags and programmes (#gifted, "(gifted)", "AD -", Vine, Influenster, NetGalley),
// and a selection ("chosen to review this"). Written as development phrasings next to the third held-out set.
export const DEV_UNDISCLOSED_4 = [
  'I received an advance review copy from NetGalley in exchange for an honest review.',
  'I received this in exchange for an honest review.',
  'I was chosen to review this and it arrived quickly.',
  'I was selected to try this serum through Influenster.',
  'Received this in my VoxBox, the mascara is great.',
  'Amazon Vine Voice here, got this to test.',
  'I received this product for testing purposes.',
  'I was given this product to review.',
  'Sample received via BzzAgent.',
  'i was given one to try out for free',
  'Brand sent me this for an honest write up',
  'They sent over a couple of these for us to review.',
  'collab with the brand - they sent me the set',
  'Paid partnership with the brand. Good lipstick.',
  'AD - gifted. Great moisturiser.',
  '(gifted) love this jumper',
  '[ad] lovely scent',
];
// Their near misses: the writer's own acts, gifts from the writer's life, remedies, orders with a free sample, a buyer
// who contacted the seller first, and words that only look like tags ("Ad blocker", "AD converter", "#gift").
export const DEV_NEGATIVES_4 = [
  'I gave it to my husband to try and he loved it.',
  'The seller sent it to the wrong address.',
  'I was sent a replacement after the first broke.',
  'I contacted the seller before leaving a bad review and they refunded me.',
  'The insert says contact us before leaving a negative review if there is any problem.',
  'The shop sent me a free sample with my order.',
  'I was given this as a birthday present by my aunt.',
  'Sent it to my sister for her to test, she agreed it is good.',
  'They offered to send a new one for me to test after the fault.',
  'Ad blocker style feature built in.',
  'I was sent this as a gift by my daughter.',
  'The AD converter is noisy.',
  'I was given this to try by a friend and then bought my own.',
  'The shop assistant offered me one to try in store, so I bought it.',
  'The hairdresser gave me a sample to try and I loved it so I ordered the full size.',
  'Got it for my review of home gyms on my blog, paid full price.',
  'I received it for Christmas and I love it.',
  'My son got this to try for his football training.',
  'Got this to test whether it fits my old router.',
  'Love it #gift #christmas',
  'Was gifted this by my sister for christmas.',
  'Was gifted this for my birthday, used it daily since.',
  'Customer service sent me a new one to try after the first broke.',
];

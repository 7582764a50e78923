/** Six distinct, ordinary reviews of one tent: scenes whose texts must not look alike to the text checks. */
export const TENT_TEXTS = [
  'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
  'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
  'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.',
  'Warm enough in early spring, the hood cinches well and the zip never snagged.',
  'Bought it for festivals, survived three of them and still looks new after washing.',
  'The groundsheet is thick and the guy lines glow in torchlight, handy at night.',
];

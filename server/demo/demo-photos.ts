import { preparePhotos, type PreparedPhoto } from '../reviews/review-photos.js';

/**
 * Photos for the demo shop, drawn here (no picture files to ship, nothing fetched): simple scenes of a tent, rendered
 * to JPEG and then taken through the same checks and re-encoding as an upload.
 */
const SCENES: { alt: string; svg: string }[] = [
  {
    alt: 'The orange tent pitched on a meadow below mountains',
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900" viewBox="0 0 1200 900">
      <rect width="1200" height="900" fill="#8ec5ff"/>
      <polygon points="0,520 260,220 480,470 700,180 980,480 1200,300 1200,900 0,900" fill="#6b7b8c"/>
      <polygon points="640,260 700,180 760,250 720,240 690,270" fill="#ffffff"/>
      <rect y="560" width="1200" height="340" fill="#5f9e3a"/>
      <polygon points="380,760 600,430 820,760" fill="#f07f1a"/>
      <polygon points="560,760 600,560 640,760" fill="#3b2a1a"/>
      <line x1="300" y1="770" x2="900" y2="770" stroke="#2f4f1f" stroke-width="10"/>
      <circle cx="1020" cy="130" r="70" fill="#ffe066"/>
    </svg>`,
  },
  {
    alt: 'The tent at dusk by a lake, its door open',
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900" viewBox="0 0 1200 900">
      <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b1d4f"/><stop offset="1" stop-color="#f2996b"/></linearGradient></defs>
      <rect width="1200" height="900" fill="url(#sky)"/>
      <circle cx="300" cy="420" r="90" fill="#ffcf73"/>
      <rect y="470" width="1200" height="160" fill="#3a5f8a"/>
      <rect y="630" width="1200" height="270" fill="#2e4a25"/>
      <polygon points="620,800 860,500 1100,800" fill="#d9621c"/>
      <polygon points="800,800 860,620 920,800" fill="#ffd9a0"/>
      <rect x="80" y="560" width="30" height="240" fill="#1c2a14"/>
      <polygon points="20,600 95,420 170,600" fill="#1c2a14"/>
    </svg>`,
  },
];

/** Up to `count` demo photos with their alt texts, checked and re-encoded like uploads. */
export async function demoPhotos(first: number, count: number, reviewTitle: string): Promise<PreparedPhoto[]> {
  const scenes = SCENES.slice(first, first + count);
  const { default: sharp } = await import('sharp');
  const uploads = await Promise.all(
    scenes.map(async (scene, i) => ({ name: `demo-${first + i + 1}.jpg`, data: await sharp(Buffer.from(scene.svg)).jpeg({ quality: 85 }).toBuffer() })),
  );
  return preparePhotos(
    uploads,
    scenes.map((scene) => scene.alt),
    reviewTitle,
  );
}

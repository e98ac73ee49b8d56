// Renders the app icons once (run by hand: node packages/web/scripts/generate-icons.mjs); the PNGs are
// committed. Uses only what is installed: the system Chromium through playwright-core.
// A teal square (the theme's primary colour, teal.8) with a white sheltering roof over a heart: a safe home.
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(import.meta.dirname, '../public/icons');
const TEAL = '#099268';

/** maskable: the symbol stays inside the central 80 % safe zone and the background fills the square. */
function svg(size, { maskable }) {
  const scale = maskable ? 0.62 : 0.8;
  const radius = maskable ? 0 : size * 0.18;
  const symbol = `
    <path d="M10 52 L50 18 L90 52" fill="none" stroke="#fff" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M50 84 C28 70 22 60 22 50 C22 41 29 35 36.5 35 C42.5 35 47 38.5 50 43 C53 38.5 57.5 35 63.5 35 C71 35 78 41 78 50 C78 60 72 70 50 84 Z" fill="#fff"/>`;
  const offset = (size - size * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
    <rect width="${size}" height="${size}" rx="${radius}" fill="${TEAL}"/>
    <g transform="translate(${offset} ${offset + size * 0.02}) scale(${(size * scale) / 100})">${symbol}</g>
  </svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg(icon.size, icon)}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(OUT, icon.file), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}

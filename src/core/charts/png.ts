import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSvg } from './figure.tsx';

// DejaVu Sans has every Kazakh, Russian and English letter (the attendance register's PDF uses it too).
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(fontDir, f));

/**
 * The chart as a PNG, drawn by resvg (a prebuilt native module, no browser) at twice its size for
 * sharp text, on white, in the fonts above whatever the machine has installed (decision 0029).
 */
export function chartPng(svg: ChartSvg): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontFiles: FONTS,
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

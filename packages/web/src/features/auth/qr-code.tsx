// The QR code for the authenticator app, drawn here as SVG from the otpauth URL. The secret never
// leaves the browser for a QR service, and an inline SVG needs no data: URL (nothing for the CSP to block).
import { create } from 'qrcode';
import { useMemo } from 'react';

export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, dimension } = useMemo(() => {
    const matrix = create(value, { errorCorrectionLevel: 'M' }).modules;
    const commands: string[] = [];
    for (let row = 0; row < matrix.size; row += 1) {
      for (let column = 0; column < matrix.size; column += 1) {
        if (matrix.get(row, column)) commands.push(`M${column + 4} ${row + 4}h1v1h-1z`);
      }
    }
    // A quiet zone of 4 modules on each side, as scanners expect.
    return { path: commands.join(''), dimension: matrix.size + 8 };
  }, [value]);

  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${dimension} ${dimension}`} shapeRendering="crispEdges">
      <rect width={dimension} height={dimension} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

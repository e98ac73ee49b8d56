// Calm, high-contrast theme with system fonts: no web-font download on slow connections, and system
// fonts render Vietnamese diacritics well.
import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif' },
  components: {
    // Vietnamese in capitals loses readability (diacritics crowd), and a status must never be cut off.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { root: { overflow: 'visible', flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } }),
    Modal: { defaultProps: { centered: false } },
  },
});

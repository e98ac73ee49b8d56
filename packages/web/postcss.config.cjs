// Mantine's PostCSS preset: rem() helpers and light/dark mixins used by Mantine-style CSS.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};

// Tailwind 4 runs as a PostCSS plugin; globals.css starts with `@import "tailwindcss"`.
export default {
  plugins: { "@tailwindcss/postcss": {} },
};

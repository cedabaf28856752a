/** Tailwind, then vendor prefixes. */
const config = { plugins: { tailwindcss: {}, autoprefixer: {} } };
export default config;

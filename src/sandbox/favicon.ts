/** The sandbox pages' icon, served as a file so that browsers do not log a 404 for it. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0a7d4f"/><path d="M9 24 16 8l7 16M11.5 18.5h9" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

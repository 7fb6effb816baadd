/** The few pages served outside the console (sign-in links, unsubscribing): plain HTML, no script, nothing from outside. */

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A whole page around `body` (HTML the caller escaped); `accent` colours its buttons. */
export const plainPage = (title: string, body: string, { accent }: { accent: string }) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #222; line-height: 1.5; overflow-wrap: anywhere; }
button { font: inherit; padding: 0.6rem 1.4rem; border: 0; border-radius: 0.3rem; background: ${accent}; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
a { color: #1a56a6; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

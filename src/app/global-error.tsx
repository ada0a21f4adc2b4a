"use client";

// Only the error page's strings: this module is in every page's first load (Next renders it when the root
// layout fails), so the whole catalog of both languages would cost every visitor ~100 KB of JavaScript.
import { errorPageEn } from "@/i18n/messages/error-page.en";
import { errorPageFr } from "@/i18n/messages/error-page.fr";

/** Last-resort error page when the root layout itself failed (so no provider or stylesheet is available). */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  const french = typeof document !== "undefined" && /(?:^|;\s*)locale=fr/.test(document.cookie);
  const m = french ? errorPageFr : errorPageEn;
  return (
    <html lang={french ? "fr" : "en"}>
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          display: "grid",
          placeItems: "center",
          minHeight: "100dvh",
          margin: 0,
        }}
      >
        <main style={{ maxWidth: 420, textAlign: "center", padding: 16 }}>
          <h1 style={{ fontSize: 24 }}>{m.title}</h1>
          <p style={{ color: "#57534e" }}>{m.description}</p>
          <button type="button" onClick={() => retry()} style={{ marginTop: 16, padding: "8px 16px" }}>
            {m.retry}
          </button>
        </main>
      </body>
    </html>
  );
}

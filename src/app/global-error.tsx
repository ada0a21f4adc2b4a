"use client";

import { en } from "@/i18n/messages/en";
import { fr } from "@/i18n/messages/fr";

/** Last-resort error page when the root layout itself failed (so no provider or stylesheet is available). */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  const french = typeof document !== "undefined" && /(?:^|;\s*)locale=fr/.test(document.cookie);
  const m = french ? fr : en;
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
          <h1 style={{ fontSize: 24 }}>{m.errorPage.title}</h1>
          <p style={{ color: "#57534e" }}>{m.errorPage.description}</p>
          <button type="button" onClick={() => retry()} style={{ marginTop: 16, padding: "8px 16px" }}>
            {m.common.retry}
          </button>
        </main>
      </body>
    </html>
  );
}

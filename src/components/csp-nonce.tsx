"use client";

import { setNonce } from "get-nonce";

let handedOver = false;

/**
 * Hands the document's CSP nonce to libraries that insert <style> elements in the browser (Radix menus lock
 * the page's scroll with one, through react-style-singleton), so the Content Security Policy lets them apply.
 * The nonce is read from Next's own scripts: the document keeps its first policy for its whole life, even
 * when a refresh renders the layout again on the server under a new nonce.
 */
export function CspNonce() {
  if (!handedOver && typeof document !== "undefined") {
    const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
    if (nonce) {
      setNonce(nonce);
      handedOver = true;
    }
  }
  return null;
}

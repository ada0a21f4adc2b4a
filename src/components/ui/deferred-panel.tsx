"use client";

import { type ReactNode, startTransition, useEffect, useState } from "react";

// Panels waiting to be rendered, released one at a time when the browser is idle.
const waiting: Array<() => void> = [];
let releasing = false;

function releaseNext() {
  const next = waiting.shift();
  if (!next) {
    releasing = false;
    return;
  }
  next();
  whenIdle(releaseNext);
}

function whenIdle(callback: () => void) {
  if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(callback, { timeout: 500 });
  else window.setTimeout(callback, 1);
}

/**
 * A secondary panel of a long page (a book's formats, history, chapter order…), rendered in the browser once
 * the page is up rather than by the server: the page's HTML, its hydration and its first paint carry only
 * the text and what frames it. The panels waiting are rendered one at a time as the browser is idle, each in
 * a transition (React may split it), so no single task renders them all. Until then nothing takes their
 * place: they sit beside or below the text, out of a phone's first screen, and their own loading states
 * follow.
 */
export function DeferredPanel({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let live = true;
    waiting.push(() => {
      if (live) startTransition(() => setShown(true));
    });
    if (!releasing) {
      releasing = true;
      whenIdle(releaseNext);
    }
    return () => {
      live = false;
    };
  }, []);
  return shown ? children : null;
}

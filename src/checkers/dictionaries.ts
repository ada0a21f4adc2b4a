// Hunspell dictionaries for nspell, loaded once per process and kept: building the French one takes
// seconds, so every checker and every job shares the same instance. The loading promise (not the
// result) is cached on globalThis, so concurrent first callers wait for the same load and a module
// reloaded by a dev server or a test runner does not load the dictionaries again.
import nspell from "nspell";
import type { LanguageVariant } from "./checker";

export type Speller = ReturnType<typeof nspell>;

interface DictionaryData {
  aff: Uint8Array;
  dic: Uint8Array;
}

// Which package holds each variant's dictionary (ESM default export {aff, dic}).
const LOADERS: Record<LanguageVariant, () => Promise<{ default: DictionaryData }>> = {
  "en-US": () => import("dictionary-en"),
  "en-GB": () => import("dictionary-en-gb"),
  "fr-FR": () => import("dictionary-fr"),
};

const CACHE_KEY = Symbol.for("scriptorium.checkers.dictionaries");
type Cache = Map<LanguageVariant, Promise<Speller>>;
const cache: Cache = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Cache | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[CACHE_KEY] = cache;

/** The speller of a variant; the first call loads it, later calls get the same instance. */
export function spellerFor(variant: LanguageVariant): Promise<Speller> {
  let speller = cache.get(variant);
  if (!speller) {
    speller = LOADERS[variant]().then(({ default: data }) =>
      nspell({ aff: Buffer.from(data.aff), dic: Buffer.from(data.dic) }),
    );
    // A failed load is not cached: the next check tries again.
    speller.catch(() => cache.delete(variant));
    cache.set(variant, speller);
  }
  return speller;
}

/** Loads every dictionary now (at worker start) so the first check does not pay for it. */
export async function warmDictionaries(
  variants: readonly LanguageVariant[] = ["en-US", "en-GB", "fr-FR"],
): Promise<void> {
  await Promise.all(variants.map((variant) => spellerFor(variant)));
}

import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readRequestText } from "./request-body";

/**
 * A loopback fake of a LanguageTool server's `POST /v2/check`: form-encoded request (`language` and `text`
 * or `data` with an annotation), JSON answer of the documented shape (software, warnings, language,
 * matches with message, shortMessage, replacements, offset, length, context, sentence, type, rule with
 * id, description, issueType and category). Missing parameters get LanguageTool's plain-text 400.
 *
 * It implements a few real rules deterministically, with LanguageTool's own rule ids and categories:
 * - EN_A_VS_AN (en): "a" before a vowel-initial word, "an" before a consonant one;
 * - ENGLISH_WORD_REPEAT_RULE / FRENCH_WORD_REPEAT_RULE: the same word twice in a row;
 * - MORFOLOGIK_RULE_EN_US / MORFOLOGIK_RULE_EN_GB / FR_SPELLING_RULE (category TYPOS): a list of
 *   misspellings per language, including the variant spellings ("colour" in en-US, "color" in en-GB).
 * Offsets count every annotation part, text and markup, as the real server's do for `data`.
 */

export type LanguageToolFakeMisbehaviour =
  | { kind: "rate-limit"; retryAfter?: string }
  | { kind: "server-error"; status?: number }
  | { kind: "hang" }
  | { kind: "not-json" };

export interface LanguageToolFakeRequest {
  form: Record<string, string>;
  receivedAt: number;
}

export interface LanguageToolFake {
  /** Server root, as LANGUAGETOOL_URL is given (no /v2). */
  url: string;
  requests: LanguageToolFakeRequest[];
  /** Consumed one per /v2/check request. */
  script: LanguageToolFakeMisbehaviour[];
  /** Text limit of the server (LanguageTool's maxTextLength): longer texts get 413. */
  maxTextLength: number;
  close(): Promise<void>;
}

const MISSPELLINGS: Record<string, { rule: string; words: Record<string, string[]> }> = {
  "en-US": {
    rule: "MORFOLOGIK_RULE_EN_US",
    words: { teh: ["the"], recieve: ["receive"], definately: ["definitely"], colour: ["color"], harbour: ["harbor"] },
  },
  "en-GB": {
    rule: "MORFOLOGIK_RULE_EN_GB",
    words: { teh: ["the"], recieve: ["receive"], definately: ["definitely"], color: ["colour"], harbor: ["harbour"] },
  },
  fr: { rule: "FR_SPELLING_RULE", words: { bonjoure: ["bonjour"], mintenant: ["maintenant"], language: ["langage"] } },
};

const LANGUAGE_NAMES: Record<string, string> = { "en-US": "English (US)", "en-GB": "English (GB)", fr: "French" };

interface AnnotationPart {
  text?: string;
  markup?: string;
  interpretAs?: string;
}

/** The checked plain text and, for each of its characters, its position in the original (text + markup). */
function plainAndMap(parts: AnnotationPart[]): { plain: string; toOriginal: number[] } {
  let plain = "";
  const toOriginal: number[] = [];
  let original = 0;
  for (const part of parts) {
    if (typeof part.text === "string") {
      for (let i = 0; i < part.text.length; i++) toOriginal.push(original + i);
      plain += part.text;
      original += part.text.length;
    } else {
      const markup = part.markup ?? "";
      const as = part.interpretAs ?? "";
      for (let i = 0; i < as.length; i++) toOriginal.push(original);
      plain += as;
      original += markup.length;
    }
  }
  toOriginal.push(original);
  return { plain, toOriginal };
}

interface RawMatch {
  start: number;
  end: number;
  message: string;
  shortMessage: string;
  replacements: string[];
  rule: { id: string; description: string; issueType: string; category: { id: string; name: string } };
}

function findMatches(plain: string, language: string): RawMatch[] {
  const matches: RawMatch[] = [];
  const words = [...plain.matchAll(/\p{L}+(?:['’]\p{L}+)*/gu)];
  const english = language.startsWith("en");
  for (const [i, word] of words.entries()) {
    const text = word[0];
    const lower = text.toLowerCase();
    const next = words[i + 1];
    const between = next ? plain.slice(word.index + text.length, next.index) : "";
    if (english && next && /^\s+$/.test(between) && (lower === "a" || lower === "an")) {
      const vowel = /^[aeiou]/i.test(next[0]) && !/^(uni|use|eu|one)/i.test(next[0]);
      const wanted = vowel ? "an" : "a";
      if (lower !== wanted) {
        const replacement = text[0] === text[0]!.toUpperCase() ? wanted[0]!.toUpperCase() + wanted.slice(1) : wanted;
        matches.push({
          start: word.index,
          end: word.index + text.length,
          message: `Use “${wanted}” instead of ‘${text}’ if the following word ${vowel ? "starts with a vowel sound" : "doesn't start with a vowel sound"}, e.g. ‘${wanted} ${vowel ? "article" : "car"}’.`,
          shortMessage: "Wrong article",
          replacements: [replacement],
          rule: {
            id: "EN_A_VS_AN",
            description: "Use of 'a' vs. 'an'",
            issueType: "misspelling",
            category: { id: "MISC", name: "Miscellaneous" },
          },
        });
      }
    }
    if (next && /^\s+$/.test(between) && next[0].toLowerCase() === lower) {
      matches.push({
        start: word.index,
        end: next.index + next[0].length,
        message: english ? "Possible typo: you repeated a word" : "Faute de frappe possible : un mot est répété",
        shortMessage: english ? "Word repetition" : "Mot répété",
        replacements: [text],
        rule: {
          id: english ? "ENGLISH_WORD_REPEAT_RULE" : "FRENCH_WORD_REPEAT_RULE",
          description: english ? "Word repetition (e.g. 'will will')" : "Mot répété (ex. : 'le le')",
          issueType: "duplication",
          category: { id: "MISC", name: english ? "Miscellaneous" : "Divers" },
        },
      });
    }
    const spelling = MISSPELLINGS[language];
    const suggestions = spelling?.words[lower];
    if (spelling && suggestions) {
      matches.push({
        start: word.index,
        end: word.index + text.length,
        message: english ? "Possible spelling mistake found." : "Faute de frappe possible trouvée.",
        shortMessage: english ? "Spelling mistake" : "Faute de frappe",
        replacements: suggestions,
        rule: {
          id: spelling.rule,
          description: english ? "Possible spelling mistake" : "Faute de frappe possible",
          issueType: "misspelling",
          category: { id: "TYPOS", name: english ? "Possible Typo" : "Faute de frappe possible" },
        },
      });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

function plainTextError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(`Error: ${message}`);
}

export async function startLanguageToolFake(): Promise<LanguageToolFake> {
  const requests: LanguageToolFakeRequest[] = [];
  const fake: Omit<LanguageToolFake, "url" | "close"> = { requests, script: [], maxTextLength: 50_000 };

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const raw = await readRequestText(req);
    if (req.method !== "POST" || path !== "/v2/check") {
      plainTextError(res, 404, `Unknown path ${path}`);
      return;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    requests.push({ form, receivedAt: Date.now() });

    const misbehaviour = fake.script.shift();
    switch (misbehaviour?.kind) {
      case "rate-limit":
        plainTextError(res, 429, "Too many requests", { "retry-after": misbehaviour.retryAfter ?? "1" });
        return;
      case "server-error":
        plainTextError(res, misbehaviour.status ?? 500, "Internal Error: something broke");
        return;
      case "hang":
        return;
      case "not-json":
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html><body>Proxy error</body></html>");
        return;
      default:
        break;
    }

    const language = form.language;
    if (!language) {
      plainTextError(res, 400, "Missing 'language' parameter, e.g. 'language=en-US'");
      return;
    }
    if (!LANGUAGE_NAMES[language]) {
      plainTextError(res, 400, `'${language}' is not a language code known to LanguageTool.`);
      return;
    }
    let parts: AnnotationPart[];
    if (form.data !== undefined) {
      try {
        const data = JSON.parse(form.data) as { annotation?: AnnotationPart[] };
        if (!Array.isArray(data.annotation)) throw new Error("no annotation");
        parts = data.annotation;
      } catch {
        plainTextError(res, 400, "Could not parse JSON from 'data' parameter");
        return;
      }
    } else if (form.text !== undefined) {
      parts = [{ text: form.text }];
    } else {
      plainTextError(res, 400, "Missing 'text' or 'data' parameter");
      return;
    }
    const { plain, toOriginal } = plainAndMap(parts);
    if (plain.length > fake.maxTextLength) {
      plainTextError(
        res,
        413,
        `Your text exceeds the limit of ${fake.maxTextLength} characters (it's ${plain.length} characters).`,
      );
      return;
    }

    const matches = findMatches(plain, language).map((match) => {
      const offset = toOriginal[match.start]!;
      const end = toOriginal[match.end - 1]! + 1;
      const contextStart = Math.max(0, match.start - 40);
      const sentenceStart = Math.max(0, plain.lastIndexOf(".", match.start) + 1);
      const sentenceEnd = plain.indexOf(".", match.end);
      return {
        message: match.message,
        shortMessage: match.shortMessage,
        replacements: match.replacements.map((value) => ({ value })),
        offset,
        length: end - offset,
        context: {
          text: plain.slice(contextStart, match.end + 40),
          offset: match.start - contextStart,
          length: match.end - match.start,
        },
        sentence: plain.slice(sentenceStart, sentenceEnd === -1 ? plain.length : sentenceEnd + 1).trim(),
        type: { typeName: "Other" },
        rule: match.rule,
        ignoreForIncompleteSentence: false,
        contextForSureMatch: 0,
      };
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        software: {
          name: "LanguageTool",
          version: "6.5",
          buildDate: "2024-09-27 10:12:05 +0000",
          apiVersion: 1,
          premium: false,
          premiumHint: "You might be missing errors only the Premium version can find.",
          status: "",
        },
        warnings: { incompleteResults: false },
        language: {
          name: LANGUAGE_NAMES[language],
          code: language,
          detectedLanguage: { name: LANGUAGE_NAMES[language], code: language, confidence: 0.9 },
        },
        matches,
      }),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

import { afterAll, beforeAll, beforeEach } from "vitest";
import { OpenAiCompatibleEngine, type OpenAiCompatibleSettings } from "@/engines/openai-compatible-engine";
import { db } from "@/server/db/client";
import {
  type OpenAiCompatibleFake,
  type OpenAiFakeBehaviour,
  startOpenAiCompatibleFake,
} from "../fakes/openai-compatible-fake";
import { createOrgWithMember } from "./books";

/**
 * One OpenAI-compatible fake for the calling test file: started before its tests, closed after them, and
 * before each test emptied of recorded requests and put back to `reset` (a script-free, instant, keyless
 * fake unless the file says otherwise). The returned object forwards to the running fake, so tests use it
 * like the fake itself.
 */
export function openAiFakeForSuite(reset: Partial<OpenAiFakeBehaviour> = {}): OpenAiCompatibleFake {
  let running: OpenAiCompatibleFake | undefined;
  const current = () => {
    if (!running) throw new Error("the OpenAI-compatible fake is used outside its suite's tests");
    return running;
  };
  beforeAll(async () => {
    running = await startOpenAiCompatibleFake();
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    current().requests.length = 0;
    current().setBehaviour({ script: [], apiKey: undefined, chunkDelayMs: 0, respond: undefined, ...reset });
  });
  return forwardingTo(current);
}

/** An object that forwards every property to the fake running now, so a suite can hand it out before start. */
function forwardingTo(current: () => OpenAiCompatibleFake): OpenAiCompatibleFake {
  return new Proxy({} as OpenAiCompatibleFake, {
    get: (_, property) => {
      const value = Reflect.get(current(), property);
      return typeof value === "function" ? value.bind(current()) : value;
    },
  });
}

/**
 * For pipeline tests: one fake requiring `apiKey` for the calling test file (each test scripts it as it
 * needs), the database client disconnected after the file, and organizations whose default engine is the
 * fake, with that key stored as their secret.
 */
export function openAiPipelineSuite(apiKey: string) {
  let running: OpenAiCompatibleFake | undefined;
  beforeAll(async () => {
    running = await startOpenAiCompatibleFake({ apiKey });
  });
  afterAll(async () => {
    await running?.close();
    await db().$disconnect();
  });
  const fake = forwardingTo(() => {
    if (!running) throw new Error("the OpenAI-compatible fake is used outside its suite's tests");
    return running;
  });
  /** An organization (with an OWNER) on the fake's engine; `overrides` change its engine settings. */
  const openAiOrg = (label: string, overrides: Record<string, unknown> = {}) =>
    createOrgWithMember(label, "OWNER", {
      settings: {
        defaultEngine: "openai-compatible",
        openaiCompatible: {
          baseUrl: fake.url,
          model: "fake-model",
          retryBaseDelayMs: 10,
          maxRetries: 2,
          timeoutMs: 10_000,
          ...overrides,
        },
      },
      secrets: { openaiApiKey: apiKey },
    });
  return { fake, openAiOrg };
}

/** An engine pointed at the fake, quick to give up (short timeout, small retry delays) unless overridden. */
export function engineOnFake(
  fake: OpenAiCompatibleFake,
  settings: Partial<OpenAiCompatibleSettings> = {},
): OpenAiCompatibleEngine {
  return new OpenAiCompatibleEngine({
    baseUrl: fake.url,
    model: "fake-model",
    apiKey: "sk-test",
    timeoutMs: 5_000,
    maxRetries: 2,
    retryBaseDelayMs: 10,
    ...settings,
  });
}

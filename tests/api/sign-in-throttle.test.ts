// Attack tests for sign-in throttling over real TCP connections from distinct loopback addresses, served
// like production (the peer address recorded by our web server). TRUSTED_PROXIES names one address as
// the proxy, so the same file checks both an untrusted client and a trusted proxy's hop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { ACCOUNT_SLOWDOWN_MS, IP_FAILURE_FACTOR, throttleKeys } from "@/server/auth/sign-in-throttle";
import { db } from "@/server/db/client";
import { startPeerServer } from "../helpers/peer-server";
import { signUpAndSignIn, uniqueEmail } from "../helpers/session-client";

// Read once by env(), on first use (after this line). Small limits keep the attacks short.
const previousEnv = { max: process.env.SIGN_IN_MAX_FAILURES, proxies: process.env.TRUSTED_PROXIES };
process.env.SIGN_IN_MAX_FAILURES = "3";
process.env.TRUSTED_PROXIES = "127.0.0.10";
afterAll(() => {
  for (const [name, value] of [
    ["SIGN_IN_MAX_FAILURES", previousEnv.max],
    ["TRUSTED_PROXIES", previousEnv.proxies],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
const MAX = 3;
const PASSWORD = "correct horse battery";

type ErrorBody = { error?: { code: string; field: string | null } };

// Each attempt hashes a password (scrypt): dozens of them take a while on a busy machine.
describe("sign-in throttling", { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startPeerServer>>;
  const signIn = (email: string, password: string, from: string, headers: Record<string, string> = {}) =>
    server.post("/api/auth/sign-in/email", { email, password }, { from, headers });
  const sessions = (userId: string) => db().session.count({ where: { userId } });

  beforeAll(async () => {
    server = await startPeerServer(authRoute.POST);
  });
  afterAll(() => server.close());

  it("ignores a forged X-Forwarded-For: changing it does not reset the per-IP limit on spraying", async () => {
    const victim = await signUpAndSignIn("spray-victim");
    const before = await sessions(victim.id);
    const ipLimit = MAX * IP_FAILURE_FACTOR;
    for (let i = 0; i < ipLimit; i++) {
      // A different account each time (spraying) and a different forged address each time.
      const res = await signIn(uniqueEmail(`sprayed-${i}`), `guess-${i}`, "127.0.0.2", {
        "x-forwarded-for": `198.51.100.${i + 1}`,
        "x-real-ip": `198.51.100.${i + 1}`,
        "x-scriptorium-peer-address": `198.51.100.${i + 1}`,
      });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    // Even the right password for a real account, behind yet another forged address, is refused now.
    const refused = await signIn(victim.email, PASSWORD, "127.0.0.2", { "x-forwarded-for": "198.51.100.200" });
    expect(refused.status).toBe(429);
    expect((refused.json as ErrorBody).error?.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(60);

    const ipRow = await db().authThrottle.findUniqueOrThrow({ where: { key: "ip:127.0.0.2" } });
    expect(ipRow.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Nothing was counted under the forged addresses, and no session was created.
    expect(await db().authThrottle.count({ where: { key: { startsWith: "ip:198.51.100." } } })).toBe(0);
    expect(await sessions(victim.id)).toBe(before);
  });

  it("bounds concurrent attempts from one client: they cannot all slip in before the lock", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(uniqueEmail(`burst-${i}`), `guess-${i}`, "127.0.0.3")),
    );
    const checked = attempts.filter((r) => r.status === 401).length;
    const refused = attempts.filter((r) => r.status === 429).length;
    expect(checked).toBe(MAX * IP_FAILURE_FACTOR);
    expect(refused).toBe(30 - MAX * IP_FAILURE_FACTOR);
  });

  it("successful sign-ins neither use up nor reset a client's budget of wrong guesses", async () => {
    const attacker = await signUpAndSignIn("interleaving-attacker");
    const from = "127.0.0.40";
    for (let i = 0; i < MAX * IP_FAILURE_FACTOR; i++) {
      if (i > 0) {
        // Signing in to their own account between guesses works, and does not wipe the count...
        expect((await signIn(attacker.email, PASSWORD, from)).status, `own sign-in ${i}`).toBe(200);
      }
      expect((await signIn(uniqueEmail(`interleaved-${i}`), `guess-${i}`, from)).status, `guess ${i + 1}`).toBe(401);
    }
    // ...so after the last allowed guess the address is locked, for guesses and sign-ins alike.
    expect((await signIn(uniqueEmail("interleaved-last"), "guess", from)).status).toBe(429);
    expect((await signIn(attacker.email, PASSWORD, from)).status).toBe(429);
    const ipRow = await db().authThrottle.findUniqueOrThrow({ where: { key: `ip:${from}` } });
    expect(ipRow.failures).toBe(MAX * IP_FAILURE_FACTOR + 1);
  });

  it("wrong passwords from other addresses lock only those addresses, never the owner's", async () => {
    const victim = await signUpAndSignIn("lockout-victim");
    const before = await sessions(victim.id);
    const attackers = ["127.0.0.21", "127.0.0.22", "127.0.0.23", "127.0.0.24", "127.0.0.25", "127.0.0.26"];
    for (const from of attackers) {
      for (let i = 0; i < MAX; i++) expect((await signIn(victim.email, `wrong-${i}`, from)).status).toBe(401);
    }
    // Each attacker's address is now locked for this account, even with the right password...
    const attackerWithPassword = await signIn(victim.email, PASSWORD, attackers[0]!);
    expect(attackerWithPassword.status).toBe(429);
    expect(await sessions(victim.id)).toBe(before);
    const pair = await db().authThrottle.findUniqueOrThrow({
      where: { key: throttleKeys(victim.email, "127.0.0.21").pair! },
    });
    expect(pair.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    // ...while the owner, from their own address, signs in at once.
    const owner = await signIn(victim.email, PASSWORD, "127.0.0.20");
    expect(owner.status).toBe(200);
    expect(await sessions(victim.id)).toBe(before + 1);
    const login = await db().activityLog.findFirstOrThrow({
      where: { actorId: victim.id, action: "user.login" },
      orderBy: { createdAt: "desc" },
    });
    expect(login.ipAddress).toBe("127.0.0.20");
  });

  it("slows an account attacked from many addresses, and the owner still signs in", async () => {
    const victim = await signUpAndSignIn("distributed-victim");
    // One wrong password from each of many addresses: no pair or IP limit is reached.
    for (let i = 1; i <= MAX * 10 + 1; i++) {
      expect((await signIn(victim.email, `wrong-${i}`, `127.0.1.${i}`)).status).toBe(401);
    }
    const started = Date.now();
    const owner = await signIn(victim.email, PASSWORD, "127.0.0.30");
    expect(owner.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(ACCOUNT_SLOWDOWN_MS);
    const account = await db().authThrottle.findUniqueOrThrow({
      where: { key: throttleKeys(victim.email, null).account! },
    });
    expect(account.lockedUntil).toBeNull();
  });

  it("believes X-Forwarded-For only from the trusted proxy, and then takes the hop it appended", async () => {
    const user = await signUpAndSignIn("proxied");
    // Through the proxy (127.0.0.10): the client forged 6.6.6.6, the proxy appended the real 192.0.2.77.
    const viaProxy = await signIn(user.email, PASSWORD, "127.0.0.10", { "x-forwarded-for": "6.6.6.6, 192.0.2.77" });
    expect(viaProxy.status).toBe(200);
    const login = await db().activityLog.findFirstOrThrow({
      where: { actorId: user.id, action: "user.login" },
      orderBy: { createdAt: "desc" },
    });
    expect(login.ipAddress).toBe("192.0.2.77");
    expect((await signIn(user.email, "wrong", "127.0.0.10", { "x-forwarded-for": "192.0.2.78" })).status).toBe(401);
    expect(
      await db().authThrottle.findUnique({ where: { key: throttleKeys(user.email, "192.0.2.78").pair! } }),
    ).not.toBeNull();
    expect(await db().authThrottle.findUnique({ where: { key: "ip:127.0.0.10" } })).toBeNull();

    // Straight from another address, the same header is the client's own claim and is ignored.
    expect((await signIn(user.email, "wrong", "127.0.0.11", { "x-forwarded-for": "192.0.2.79" })).status).toBe(401);
    expect(await db().authThrottle.findUnique({ where: { key: "ip:192.0.2.79" } })).toBeNull();
    expect(await db().authThrottle.findUnique({ where: { key: "ip:127.0.0.11" } })).not.toBeNull();
  });
});

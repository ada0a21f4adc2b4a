import "server-only";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * A small client for the Paystack endpoints billing uses. Paystack answers with the envelope
 * `{ status, message, data }`; amounts are integers in the currency's subunit (kobo for NGN).
 */

/** Why a Paystack call failed: the use cases map every kind to 502 PAYMENT_PROVIDER_ERROR. */
export type PaystackFailure = "timeout" | "unavailable" | "unauthorized" | "rejected" | "bad_response";

export class PaystackError extends Error {
  readonly kind: PaystackFailure;
  readonly httpStatus: number | null;

  constructor(kind: PaystackFailure, message: string, httpStatus: number | null = null) {
    super(message);
    this.name = "PaystackError";
    this.kind = kind;
    this.httpStatus = httpStatus;
  }
}

export interface PaystackCustomer {
  id?: number;
  customer_code: string;
  email: string;
}

export interface PaystackPlan {
  id?: number;
  name: string;
  plan_code: string;
  amount: number;
  interval: string;
  currency: string;
}

/** A transaction as returned by verify and sent with charge.success. */
export interface PaystackTransaction {
  id?: number;
  status: "success" | "failed" | "abandoned" | "ongoing" | "pending" | "processing" | "queued" | "reversed" | string;
  reference: string;
  amount: number;
  currency: string;
  paid_at?: string | null;
  paidAt?: string | null;
  gateway_response?: string;
  metadata?: Record<string, unknown> | string | null;
  customer?: PaystackCustomer;
  /** Verify returns the plan code as a string (and `plan_object`); charge.success returns the plan object. */
  plan?: string | Partial<PaystackPlan> | null;
  plan_object?: Partial<PaystackPlan> | null;
}

export interface PaystackSubscription {
  id?: number;
  subscription_code: string;
  /** Absent from subscription.create's webhook sample; GET /subscription/:code always carries it. */
  email_token?: string | null;
  status: "active" | "non-renewing" | "attention" | "completed" | "cancelled" | string;
  amount?: number;
  next_payment_date?: string | null;
  createdAt?: string;
  created_at?: string;
  plan?: Partial<PaystackPlan> | null;
  customer?: Partial<PaystackCustomer> | null;
}

export interface InitializeTransactionInput {
  email: string;
  /** In subunits; with `plan`, Paystack charges the plan's amount. */
  amount: number;
  currency?: string;
  reference: string;
  callbackUrl: string;
  plan?: string;
  /** Payment channels the checkout offers; subscriptions can only be charged again on a card. */
  channels?: string[];
  metadata?: Record<string, unknown>;
}

export interface PaystackClientOptions {
  baseUrl: string;
  secretKey: string;
  timeoutMs?: number;
  /** Retries of idempotent reads (GET) after a timeout, network error or 5xx. */
  readRetries?: number;
}

export type PaystackClient = ReturnType<typeof createPaystackClient>;

interface Envelope<T> {
  status: boolean;
  message: string;
  data?: T;
}

/** Builds a client for one Paystack account (base URL + secret key). */
export function createPaystackClient(options: PaystackClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 15_000;
  const readRetries = options.readRetries ?? 2;

  async function once<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<Envelope<T>> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.secretKey}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new PaystackError("timeout", `Paystack did not answer ${method} ${path} within ${timeoutMs} ms`);
      }
      throw new PaystackError(
        "unavailable",
        `Paystack is unreachable (${method} ${path}): ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    let envelope: Envelope<T> | undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === "object" && "status" in parsed) envelope = parsed as Envelope<T>;
    } catch {
      envelope = undefined;
    }
    if (response.status === 401) {
      throw new PaystackError("unauthorized", `Paystack refused the secret key: ${envelope?.message ?? "401"}`, 401);
    }
    if (response.status >= 500) {
      throw new PaystackError(
        "unavailable",
        `Paystack failed (${response.status}) on ${method} ${path}${envelope?.message ? `: ${envelope.message}` : ""}`,
        response.status,
      );
    }
    if (!envelope) {
      throw new PaystackError(
        "bad_response",
        `Paystack sent a response that is not its JSON envelope (${response.status})`,
        response.status,
      );
    }
    if (!response.ok || envelope.status !== true) {
      throw new PaystackError("rejected", envelope.message || `Paystack refused ${method} ${path}`, response.status);
    }
    return envelope;
  }

  async function request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<Envelope<T>> {
    const attempts = method === "GET" ? readRetries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(method, path, body);
      } catch (error) {
        const retryable = error instanceof PaystackError && (error.kind === "timeout" || error.kind === "unavailable");
        if (!retryable || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      }
    }
  }

  const requireData = <T>(envelope: Envelope<T>, what: string): T => {
    if (envelope.data === undefined || envelope.data === null) {
      throw new PaystackError("bad_response", `Paystack returned no data for ${what}`);
    }
    return envelope.data;
  };

  return {
    /** POST /transaction/initialize → where to send the customer to pay. */
    async initializeTransaction(input: InitializeTransactionInput) {
      const envelope = await request<{ authorization_url: string; access_code: string; reference: string }>(
        "POST",
        "/transaction/initialize",
        {
          email: input.email,
          amount: String(input.amount),
          currency: input.currency,
          reference: input.reference,
          callback_url: input.callbackUrl,
          plan: input.plan,
          channels: input.channels,
          // Paystack's OpenAPI types metadata as a string: "stringified JSON object of custom data".
          metadata: input.metadata === undefined ? undefined : JSON.stringify(input.metadata),
        },
      );
      const data = requireData(envelope, "transaction/initialize");
      if (typeof data.authorization_url !== "string" || !data.authorization_url) {
        throw new PaystackError("bad_response", "Paystack returned no authorization_url");
      }
      return { authorizationUrl: data.authorization_url, accessCode: data.access_code, reference: data.reference };
    },

    /** GET /transaction/verify/:reference → the transaction as Paystack recorded it. */
    async verifyTransaction(reference: string) {
      const envelope = await request<PaystackTransaction>(
        "GET",
        `/transaction/verify/${encodeURIComponent(reference)}`,
      );
      return requireData(envelope, "transaction/verify");
    },

    /** POST /subscription/disable: stops renewals (Paystack marks it non-renewing, then cancelled). */
    async disableSubscription(code: string, emailToken: string): Promise<void> {
      await request("POST", "/subscription/disable", { code, token: emailToken });
    },

    /** GET /subscription/:code/manage/link → a hosted page where the customer updates the card or cancels. */
    async manageLink(code: string): Promise<string> {
      const envelope = await request<{ link: string }>("GET", `/subscription/${encodeURIComponent(code)}/manage/link`);
      const link = requireData(envelope, "subscription manage link").link;
      if (typeof link !== "string" || !link) throw new PaystackError("bad_response", "Paystack returned no link");
      return link;
    },

    /** GET /subscription/:code → one subscription, with its email_token (needed to disable it). */
    async fetchSubscription(code: string) {
      const envelope = await request<PaystackSubscription>("GET", `/subscription/${encodeURIComponent(code)}`);
      const data = requireData(envelope, "subscription fetch");
      if (typeof data.subscription_code !== "string") {
        throw new PaystackError("bad_response", "Paystack returned no subscription_code");
      }
      return data;
    },

    /** GET /customer/:code → the customer, whose numeric id the subscription list filters by. */
    async fetchCustomer(code: string) {
      const envelope = await request<PaystackCustomer>("GET", `/customer/${encodeURIComponent(code)}`);
      const data = requireData(envelope, "customer fetch");
      if (typeof data.id !== "number") throw new PaystackError("bad_response", "Paystack returned no customer id");
      return data;
    },

    /**
     * GET /subscription?customer=&plan= → subscriptions, newest first. Paystack's OpenAPI defines both
     * filters as integers (the customer's and the plan's ids), never their CUS_/PLN_ codes.
     */
    async listSubscriptions(filter: { customer?: number; plan?: number } = {}) {
      const query = new URLSearchParams();
      if (filter.customer !== undefined) query.set("customer", String(filter.customer));
      if (filter.plan !== undefined) query.set("plan", String(filter.plan));
      const envelope = await request<PaystackSubscription[]>("GET", `/subscription?${query.toString()}`);
      return requireData(envelope, "subscription list");
    },

    /** GET /plan → the plans defined on the Paystack account. */
    async listPlans() {
      return requireData(await request<PaystackPlan[]>("GET", "/plan"), "plan list");
    },
  };
}

/** The client configured by the environment; 503 BILLING_NOT_CONFIGURED without PAYSTACK_SECRET_KEY. */
export function paystackClient(): PaystackClient {
  const e = env();
  if (!e.PAYSTACK_SECRET_KEY) {
    throw new AppError("BILLING_NOT_CONFIGURED", "Billing is not configured on this server (PAYSTACK_SECRET_KEY)");
  }
  return createPaystackClient({
    baseUrl: e.PAYSTACK_BASE_URL,
    secretKey: e.PAYSTACK_SECRET_KEY,
    timeoutMs: e.PAYSTACK_TIMEOUT_MS,
  });
}

/** Turns a Paystack failure into the 502 the routes return (the provider's message, never our secrets). */
export function providerError(error: unknown, action: string): unknown {
  if (!(error instanceof PaystackError)) return error;
  return new AppError("PAYMENT_PROVIDER_ERROR", `Paystack could not ${action}: ${error.message}`, {
    details: { provider: "paystack", reason: error.kind },
  });
}

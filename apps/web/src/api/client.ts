/** One field's refusal, as the API's error body names it (`details[].field`, e.g. `owners.0.sharePct`). */
export interface FieldError {
  field: string;
  reason: string;
}

/** The REST error body: `{statusCode, error, message, details?, correlationId}`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  correlationId?: string;
}

/** A refusal or failure of the API, or (status 0) no answer at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }

  /** 503 or 504 (or no answer): the platform, not the request, is at fault; trying again later may work. */
  get unavailable(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 504;
  }

  /** Reasons by top-level field (`owners.0.sharePct` counts for `owners`), when the body lists fields. */
  fieldErrors(): Record<string, string[]> {
    const details = this.body?.details;
    if (!Array.isArray(details)) return {};
    const byField: Record<string, string[]> = {};
    for (const { field, reason } of details) {
      const key = String(field).split('.')[0];
      (byField[key] ??= []).push(reason);
    }
    return byField;
  }
}

/** What an API call answered: its status matters where 201 and 202 mean different things. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<ApiAnswer<T>>;

/** Calls the public REST API with the caller's key; every non-2xx answer becomes an ApiError carrying its body. */
export async function callApi<T>(apiKey: string, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        'X-API-Key': apiKey,
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, undefined);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const errorBody = parsed && typeof parsed === 'object' && 'message' in parsed ? (parsed as ErrorBody) : undefined;
    throw new ApiError(response.status, errorBody);
  }
  return { status: response.status, body: parsed as T };
}

/** A query string of the given parameters, leaving out the empty ones. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

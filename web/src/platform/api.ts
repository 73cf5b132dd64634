// The HTTP client every module uses to talk to the BSG Platform API.
//
// - Requests carry the session cookie (credentials: 'same-origin').
// - State-changing requests (POST, PUT, PATCH, DELETE) carry the CSRF token
//   read from the `bsg_csrf` cookie in the `X-CSRF-Token` header.
// - Any non-2xx answer becomes an ApiError. The server's error body is
//   {code, reason, message, fields}; other bodies still give a usable ApiError.
// - A request that gets no answer at all becomes an ApiError with status 0 and
//   reason NETWORK_REASON. An aborted request rejects with the AbortError as is.

export const CSRF_COOKIE = 'bsg_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

// Reasons made up by the client; server reasons are dotted strings like "fellowship.already_awarded".
export const NETWORK_REASON = 'client.network';
export const BAD_RESPONSE_REASON = 'client.bad_response';

export type FieldErrors = Readonly<Record<string, string>>;

// The JSON error body every API route returns on failure.
export interface ErrorBody {
  code: number;
  reason: string;
  message: string;
  fields: Record<string, string>;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  // HTTP status, or 0 when the server could not be reached.
  readonly status: number;
  readonly code: number;
  readonly reason: string;
  readonly fields: FieldErrors;
  // The parsed response body, when there was one (useful for endpoints such as
  // /api/health that answer 503 with a normal body).
  readonly body: unknown;
  // Seconds from the Retry-After header (429, 503), when the server sent a number.
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: number;
    reason: string;
    message: string;
    fields?: FieldErrors;
    body?: unknown;
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.reason = init.reason;
    this.fields = init.fields ?? {};
    this.body = init.body;
    this.retryAfter = init.retryAfter;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  get isNetworkError(): boolean {
    return this.reason === NETWORK_REASON;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// True when `value` has the shape of the server's error body. `fields` may be
// absent; when present, every value must be a string.
export function isErrorBody(value: unknown): value is ErrorBody {
  if (!isRecord(value)) return false;
  if (typeof value.code !== 'number' || typeof value.reason !== 'string' || typeof value.message !== 'string') {
    return false;
  }
  if (value.fields === undefined) return true;
  return isRecord(value.fields) && Object.values(value.fields).every((v) => typeof v === 'string');
}

// Reads a Retry-After header given in seconds ("120"); an HTTP date or
// anything else gives undefined.
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

// Builds the ApiError for a failed response, given its status and parsed body
// (undefined when the body was empty or not JSON), and the Retry-After header.
export function errorFromResponse(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  const extra = retryAfter === undefined ? {} : { retryAfter };
  if (isErrorBody(body)) {
    return new ApiError({
      status,
      code: body.code,
      reason: body.reason,
      message: body.message,
      fields: body.fields ?? {},
      body,
      ...extra,
    });
  }
  return new ApiError({
    status,
    code: status,
    reason: BAD_RESPONSE_REASON,
    message: `HTTP ${status}`,
    body,
    ...extra,
  });
}

// Reads one cookie from a document.cookie style string.
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export type QueryValue = string | number | boolean | null | undefined;

// Appends the parameters that have a value ('' , null and undefined are left
// out) as a query string: withQuery('/api/people', {q: 'ana', offset: 0}).
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: string;
  // A plain value is sent as JSON; FormData, Blob, URLSearchParams and strings are sent as they are.
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  delete<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
}

export interface ApiClientDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  // Returns the document's cookies, as document.cookie does.
  cookies: () => string;
}

function isPassThroughBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
    body instanceof ArrayBuffer
  );
}

function isJsonResponse(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (!isJsonResponse(response)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isAbort(error: unknown): boolean {
  return isRecord(error) && error.name === 'AbortError';
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };

    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if (isPassThroughBody(options.body)) {
        body = options.body;
      } else {
        body = JSON.stringify(options.body);
        headers['Content-Type'] = 'application/json';
      }
    }

    if (UNSAFE_METHODS.has(method)) {
      const token = readCookie(deps.cookies(), CSRF_COOKIE);
      if (token) headers[CSRF_HEADER] = token;
    }

    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = body;
    if (options.signal) init.signal = options.signal;

    let response: Response;
    try {
      response = await deps.fetch(path, init);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({
        status: 0,
        code: 0,
        reason: NETWORK_REASON,
        message: 'The server could not be reached.',
        cause: error,
      });
    }

    let parsed: unknown;
    try {
      parsed = await readBody(response);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({
        status: response.ok ? 0 : response.status,
        code: 0,
        reason: NETWORK_REASON,
        message: 'The connection was lost while reading the response.',
        cause: error,
      });
    }

    if (!response.ok) throw errorFromResponse(response.status, parsed, response.headers.get('Retry-After'));
    return parsed as T;
  }

  return {
    request,
    get: (path, options) => request(path, { ...options, method: 'GET' }),
    post: (path, body, options) => request(path, { ...options, method: 'POST', body }),
    put: (path, body, options) => request(path, { ...options, method: 'PUT', body }),
    patch: (path, body, options) => request(path, { ...options, method: 'PATCH', body }),
    delete: (path, options) => request(path, { ...options, method: 'DELETE' }),
  };
}

// The client bound to this page's fetch and cookies.
export const api: ApiClient = createApiClient({
  fetch: (input, init) => window.fetch(input, init),
  cookies: () => document.cookie,
});

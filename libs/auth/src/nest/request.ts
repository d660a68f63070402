import type { Principal } from '../principal';

/** The part of an HTTP request (express) the guards read. */
export interface AuthRequest {
  method?: string;
  originalUrl?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  principal?: Principal;
}

export function readField(req: AuthRequest, field: string): unknown {
  const [root, ...rest] = field.split('.');
  let value: unknown;
  if (root === 'headers') return req.headers[rest.join('.').toLowerCase()];
  if (root === 'params') value = req.params;
  else if (root === 'query') value = req.query;
  else if (root === 'body') value = req.body;
  else return undefined;
  for (const key of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

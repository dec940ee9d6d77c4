import { ResponseError } from '@backstage/errors';

/**
 * The backend's message when it will not show something to the caller: a NotAllowedError
 * (403), or the NotFoundError (404) it answers both for what does not exist and for what the
 * caller may not read in the catalog (so as not to reveal that it exists). Undefined for any
 * other error.
 */
export function readRefusal(error: Error): string | undefined {
  if (error.name !== 'ResponseError') return undefined;
  const { statusCode, cause } = error as ResponseError;
  const refused =
    statusCode === 403 ||
    (statusCode === 404 && cause.name === 'NotFoundError');
  return refused ? cause.message : undefined;
}

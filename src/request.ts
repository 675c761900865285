import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** The URL prefix of the server extension's REST API, relative to the server's base URL. */
export const API_NAMESPACE = 'airoadmap-lab/api';

/**
 * An error answered by the airoadmap-lab server: `message` is the sentence the server wrote for
 * the learner (its JSON `message`), `status` the HTTP status.
 */
export class APIError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
    this.name = 'APIError';
  }
}

/**
 * Call the airoadmap-lab REST API and decode its JSON answer.
 *
 * This is the only function that builds URLs of the API: `path` is relative to
 * `<base url>/airoadmap-lab/api/` and its segments must already be URL-encoded.
 *
 * @throws APIError when the server answers with an error status (the error carries the server's
 *   `message`), `ServerConnection.NetworkError` when the server cannot be reached.
 */
export async function requestAPI<T>(
  path: string,
  settings: ServerConnection.ISettings,
  init: RequestInit = {}
): Promise<T> {
  const { url, response, text } = await fetchAPI(path, settings, init);
  let data: unknown = undefined;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    throw new APIError(errorMessage(data, response), response.status);
  }
  if (data === undefined && text.length > 0) {
    throw new APIError(
      `The server sent an answer that is not JSON (${url}).`,
      response.status
    );
  }
  return data as T;
}

/**
 * Call the airoadmap-lab REST API for a text answer (for example a CSV file).
 *
 * @throws APIError and `ServerConnection.NetworkError` as `requestAPI` does.
 */
export async function requestText(
  path: string,
  settings: ServerConnection.ISettings
): Promise<string> {
  const { response, text } = await fetchAPI(path, settings, {});
  if (!response.ok) {
    let data: unknown = undefined;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    throw new APIError(errorMessage(data, response), response.status);
  }
  return text;
}

/** Send one request to the API and read its whole body as text. */
async function fetchAPI(
  path: string,
  settings: ServerConnection.ISettings,
  init: RequestInit
): Promise<{ url: string; response: Response; text: string }> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, path);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new ServerConnection.NetworkError(error as TypeError);
  }
  return { url, response, text: await response.text() };
}

/** The sentence to show for a failed request: the server's own message when it sent one. */
function errorMessage(data: unknown, response: Response): string {
  if (data && typeof data === 'object' && 'message' in data) {
    const message = (data as { message: unknown }).message;
    if (typeof message === 'string' && message.length > 0) {
      return message;
    }
  }
  return `${response.status} ${response.statusText || 'error'}`.trim();
}

/**
 * The error body of the OpenAI APIs (chat completions and Responses alike):
 * `{ error: { message, type, param, code } }`, with the type and code the API uses for
 * each status.
 */
export function openaiErrorBody(status: number, message?: string) {
  const [type, code, text] = openaiErrorKind(status)
  return { error: { message: message ?? text, type, param: null, code } }
}

function openaiErrorKind(status: number): [string, string | null, string] {
  switch (status) {
    case 400:
      return ['invalid_request_error', null, 'Invalid request.']
    case 401:
      return [
        'invalid_request_error',
        'invalid_api_key',
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
      ]
    case 403:
      return [
        'invalid_request_error',
        'unsupported_country_region_territory',
        'Country, region, or territory not supported',
      ]
    case 404:
      return [
        'invalid_request_error',
        'model_not_found',
        'The model does not exist or you do not have access to it.',
      ]
    case 429:
      return [
        'requests',
        'rate_limit_exceeded',
        'Rate limit reached for requests per min (RPM). Please try again in 1s.',
      ]
    case 503:
      return ['server_error', null, 'The engine is currently overloaded, please try again later.']
    default:
      return status >= 500
        ? [
            'server_error',
            null,
            'The server had an error while processing your request. Sorry about that!',
          ]
        : ['invalid_request_error', null, `Request failed with status ${status}.`]
  }
}

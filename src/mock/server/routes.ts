import type { MockFormat } from '../encoders.ts'
import type { MockStreamOptions } from '../mock-options.ts'
import { promptOf } from '../request-info.ts'

/** What a valid request asks for. */
export interface RouteRequest {
  prompt: string
  stream: boolean
  options: MockStreamOptions
}

/** A request the endpoint refuses: the status and the message of the provider's error. */
export interface RouteError {
  status: number
  message: string
  /** A body to send as it is, when the provider's shape is not the encoder's default. */
  body?: unknown
}

/** One endpoint of the mock server. */
export interface Route {
  format: MockFormat
  /** Checks the parsed body the way the provider does. */
  accept(body: unknown): RouteRequest | RouteError
  /** The provider's answer to a body that is not JSON. */
  invalidJson(error: string): RouteError
}

type Body = Record<string, unknown>

const isBody = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const model = (body: Body) => (typeof body.model === 'string' ? body.model : undefined)

const openaiMissing = (param: string): RouteError => ({
  status: 400,
  message: `Missing required parameter: '${param}'.`,
  body: {
    error: {
      message: `Missing required parameter: '${param}'.`,
      type: 'invalid_request_error',
      param,
      code: 'missing_required_parameter',
    },
  },
})

const openaiInvalidJson = (): RouteError => ({
  status: 400,
  message:
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
})

const fastapiDetail = (type: string, loc: (string | number)[], msg: string, input: unknown) => ({
  status: 422,
  message: msg,
  body: { detail: [{ type, loc, msg, input }] },
})

/** The endpoints, by path. */
export const routes: Record<string, Route> = {
  '/v1/chat/completions': {
    format: 'openai-chat',
    accept(body) {
      if (!isBody(body) || !Array.isArray(body.messages) || body.messages.length === 0) {
        return openaiMissing('messages')
      }
      const streamOptions = isBody(body.stream_options) ? body.stream_options : {}
      return {
        prompt: promptOf(body),
        stream: body.stream === true,
        options: { model: model(body), usage: streamOptions.include_usage === true },
      }
    },
    invalidJson: openaiInvalidJson,
  },
  '/v1/responses': {
    format: 'openai-responses',
    accept(body) {
      if (!isBody(body) || (typeof body.input !== 'string' && !Array.isArray(body.input))) {
        return openaiMissing('input')
      }
      return {
        prompt: promptOf(body),
        stream: body.stream === true,
        options: { model: model(body) },
      }
    },
    invalidJson: openaiInvalidJson,
  },
  '/v1/messages': {
    format: 'anthropic',
    accept(body) {
      if (!isBody(body) || !Array.isArray(body.messages)) {
        return { status: 400, message: 'messages: Field required' }
      }
      return {
        prompt: promptOf(body),
        stream: body.stream === true,
        options: { model: model(body) },
      }
    },
    invalidJson: (error) => ({
      status: 400,
      message: `There was an error parsing the body: ${error}`,
    }),
  },
  '/api/chat': {
    format: 'ollama',
    accept(body) {
      if (!isBody(body) || !Array.isArray(body.messages)) {
        return { status: 400, message: 'messages is required' }
      }
      return {
        prompt: promptOf(body),
        stream: body.stream !== false,
        options: { model: model(body), ollamaEndpoint: 'chat' },
      }
    },
    invalidJson: (error) => ({ status: 400, message: error }),
  },
  '/api/generate': {
    format: 'ollama',
    accept(body) {
      if (!isBody(body) || typeof body.prompt !== 'string') {
        return { status: 400, message: 'prompt is required' }
      }
      return {
        prompt: body.prompt,
        stream: body.stream !== false,
        options: { model: model(body), ollamaEndpoint: 'generate' },
      }
    },
    invalidJson: (error) => ({ status: 400, message: error }),
  },
  '/chat': {
    format: 'sse-json',
    accept(body) {
      const ok =
        isBody(body) &&
        (Array.isArray(body.messages) ||
          typeof body.message === 'string' ||
          typeof body.prompt === 'string')
      if (!ok) return fastapiDetail('missing', ['body', 'messages'], 'Field required', body ?? null)
      return { prompt: promptOf(body), stream: true, options: {} }
    },
    invalidJson: (error) =>
      fastapiDetail('json_invalid', ['body', 0], 'JSON decode error', { error }),
  },
}

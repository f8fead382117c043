// An error the gateway answers with its HTTP status and OpenAI's error body.
import { errorBody } from './openai-shapes.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }

  get body() {
    return errorBody(this.message, this.type, this.code, this.param);
  }
}

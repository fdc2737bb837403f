// The end of the urql pipeline: each query and mutation is posted as JSON, as the official
// SDK sends it, and answered from the parsed body. urql's own fetchExchange also streams
// multipart and event-stream answers, uploads files and sends GET queries, none of which
// the Stigg API uses.
import {
  getOperationName,
  makeErrorResult,
  makeResult,
  stringifyDocument,
  stringifyVariables,
  type Exchange,
  type ExecutionResult,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { filter, fromPromise, merge, mergeMap, onEnd, pipe, takeUntil } from 'wonka';

/** Sends one request and resolves with its parsed JSON answer, or rejects with why there is none. */
export type PostJson = (url: string, init: RequestInit) => Promise<unknown>;

const isRequest = (operation: Operation) => operation.kind === 'query' || operation.kind === 'mutation';

async function send(post: PostJson, operation: Operation, signal: AbortSignal): Promise<OperationResult> {
  const { query, variables, context } = operation;
  const fetchOptions = typeof context.fetchOptions === 'function' ? context.fetchOptions() : context.fetchOptions;
  const body = stringifyVariables({ operationName: getOperationName(query), query: stringifyDocument(query), variables });
  try {
    const answer = await post(context.url, {
      ...fetchOptions,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(fetchOptions?.headers as Record<string, string> | undefined) },
      body,
      signal,
    });
    // Throws ("No Content") for an answer with neither data nor errors.
    return makeResult(operation, answer as ExecutionResult);
  } catch (error) {
    return makeErrorResult(operation, error as Error);
  }
}

export const postExchange =
  (post: PostJson): Exchange =>
  ({ forward }) =>
  (operations$) => {
    const results$ = pipe(
      operations$,
      filter(isRequest),
      mergeMap((operation) => {
        const controller = new AbortController();
        const teardown$ = pipe(operations$, filter((op) => op.kind === 'teardown' && op.key === operation.key));
        return pipe(
          fromPromise(send(post, operation, controller.signal)),
          takeUntil(teardown$),
          onEnd(() => controller.abort()),
        );
      }),
    );
    return merge([results$, forward(pipe(operations$, filter((op) => !isRequest(op))))]);
  };

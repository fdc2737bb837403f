// The SDK configuration call on its own: every page start asks for it (the watermark), so
// it must not bring every other call's documents and mappers with it (./calls.ts, loaded
// on a page's first other call, uses this one too).
import type { SdkConfiguration } from '../api-model';
import { AUTHENTICATION_FAILED_MESSAGE } from '../messages';
import { plain } from './mappers/common';
import type { ApiContext, ExecuteOperation } from './operation';

export const GET_SDK_CONFIGURATION = 'query GetSdkConfiguration{sdkConfiguration{sentryDsn isWidgetWatermarkEnabled}}';

/** Rejects with the official's authentication message on a bad key (`code: 'Unauthenticated'`); otherwise with the bare cause. */
export async function getSdkConfiguration<C extends ApiContext>(
  execute: ExecuteOperation<C>,
  ctx: C,
  logger?: { error(message: string, error: unknown): void },
): Promise<SdkConfiguration> {
  try {
    const data = (await execute({ kind: 'query', cache: 'stored', document: GET_SDK_CONFIGURATION, variables: {} }, ctx)) as {
      sdkConfiguration: SdkConfiguration | null;
    };
    return plain(data.sdkConfiguration ?? {});
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'Unauthenticated') {
      logger?.error(AUTHENTICATION_FAILED_MESSAGE, error);
      throw new Error(AUTHENTICATION_FAILED_MESSAGE, { cause: error });
    }
    logger?.error('Failed to load sdk configuration', error);
    throw error;
  }
}

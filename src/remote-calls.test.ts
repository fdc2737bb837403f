// The async calls across the real boundary: the page's call semantics send `graphql`
// requests to a real engine, served as the service worker serves them (requests and
// replies cloned as postMessage clones them), whose executor talks to a fake Stigg
// server. A failure's `code` must survive the trip: a refused key is worded the official
// way on the page.
import { describe, expect, it } from 'vitest';
import { envelope, parseReply, type EngineRequest } from '../core/protocol';
import { AUTHENTICATION_FAILED_MESSAGE } from '../core/messages';
import { createGraphqlExecutor } from '../engine/api/executor';
import { connection, json, TestWorld, type Route } from '../engine/test/harness';
import { parseRequest } from '../core/requests';
import { unwrapReply } from './engine-link/link';
import { LoggerService } from './logger';
import { callRemote, type ClientContext } from './remote-calls';

/** A page whose requests reach a real engine as a service worker serves them: validated, answered, cloned both ways. */
function pageOverServiceWorker(world: TestWorld, logged: string[] = []): ClientContext {
  const engine = world.engine({ graphql: createGraphqlExecutor });
  const request = async (body: EngineRequest) => {
    const received = parseRequest(structuredClone(envelope('1', body)));
    if (!received) throw new Error(`the engine would ignore ${JSON.stringify(body)}`);
    const reply = parseReply(structuredClone(envelope('1', await world.settle(engine.reply(received.body)))));
    return unwrapReply(reply!.body);
  };
  const anonymous = { ...connection(), customerId: undefined };
  return {
    logger: new LoggerService({ log: () => {}, error: (message) => logged.push(message) }),
    offline: false,
    request,
    customerView: () => null,
    anonymousConnection: () => anonymous,
    viewFor: () => null,
  };
}

const graphqlErrors = (code: string): Route => () => json({ data: null, errors: [{ message: `${code} request`, extensions: { code } }] });

describe('remote calls through the service worker', () => {
  it('answer with the official result, mapped on the page', async () => {
    const world = new TestWorld();
    world.graphql = () => json({ data: { sdkConfiguration: { sentryDsn: null, isWidgetWatermarkEnabled: true, __typename: 'SdkConfiguration' } } });
    const page = pageOverServiceWorker(world);
    await expect(callRemote(page, 'getSdkConfiguration', undefined)).resolves.toEqual({ sentryDsn: null, isWidgetWatermarkEnabled: true });
    const [call] = world.requests('graphql');
    expect(call!.headers).toMatchObject({ 'x-graphql-operation-name': 'GetSdkConfiguration', 'x-api-key': 'client-key' });
  });

  it.each<[string, Route]>([
    ['HTTP 401', () => json({ message: 'Unauthorized' }, { status: 401 })],
    ['the Unauthenticated GraphQL error', graphqlErrors('Unauthenticated')],
  ])('word a refused key (%s) with the official authentication message', async (_name, route) => {
    const world = new TestWorld();
    world.graphql = route;
    const logged: string[] = [];
    const page = pageOverServiceWorker(world, logged);
    await expect(callRemote(page, 'getSdkConfiguration', undefined)).rejects.toThrow(
      `Failed to load sdk configuration. Error: ${AUTHENTICATION_FAILED_MESSAGE}`,
    );
    expect(logged).toEqual([`[Stigg] Failed to load sdk configuration. Error: ${AUTHENTICATION_FAILED_MESSAGE}`]);
  });

  it('word other failures with their cause', async () => {
    const world = new TestWorld();
    world.graphql = graphqlErrors('Forbidden');
    const page = pageOverServiceWorker(world);
    await expect(callRemote(page, 'getSdkConfiguration', undefined)).rejects.toThrow(/^Failed to load sdk configuration\. Error: Forbidden request$/);
    await expect(callRemote(page, 'getPaywall', {})).rejects.toThrow(/^Failed to get paywall\. Error: Forbidden request$/);
  });
});

describe('engine replies', () => {
  it('carry a failure’s message and code, and nothing else', async () => {
    const engine = new TestWorld().engine();
    const refused = Object.assign(new Error('Response not successful: Received status code 401'), { code: 'Unauthenticated', status: 401 });
    engine.handle = () => Promise.reject(refused);
    const reply = structuredClone(await engine.reply({ type: 'status' }));
    expect(reply).toEqual({ ok: false, error: { message: refused.message, code: 'Unauthenticated' } });
    expect(() => unwrapReply(reply)).toThrow(expect.objectContaining({ message: refused.message, code: 'Unauthenticated' }));
    engine.handle = () => Promise.reject(Object.assign(new Error('gone'), { code: 20 }));
    expect(await engine.reply({ type: 'status' })).toEqual({ ok: false, error: { message: 'gone' } });
    expect(() => unwrapReply({ ok: false, error: { message: 'gone' } })).toThrow(expect.not.objectContaining({ code: expect.anything() }));
  });
});

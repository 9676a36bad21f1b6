// Drives the gateway with the official OpenAI Node client (openai 6.x) and prints one JSON object with what each
// scenario got; OpenAiNodeClientIT checks it. Every client has maxRetries 0, so a 429 is seen, not retried.
import OpenAI from 'openai';

const base = process.env.GATEWAY_URL + '/v1';
const client = new OpenAI({ baseURL: base, apiKey: process.env.API_KEY, maxRetries: 0, timeout: 30000 });
const user = (content) => [{ role: 'user', content }];
const out = {};

async function scenario(name, run) {
  try {
    out[name] = await run();
  } catch (e) {
    out[name] = { error: true, status: e.status ?? null, kind: e.constructor.name, message: e.message,
      code: e.code ?? null, retryAfter: e.headers?.get?.('retry-after') ?? null };
  }
}

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

await scenario('nonStream', () => client.chat.completions.create({
  model: 'marco-sandbox', messages: [{ role: 'system', content: 'Be brief.' }, ...user('hi node')],
  seed: 3, user: 'node-user', max_completion_tokens: 20, temperature: 0.5 }));

await scenario('streamWithUsage', async () => ({ chunks: await collect(await client.chat.completions.create({
  model: 'marco-sandbox', messages: user('stream me'), stream: true, stream_options: { include_usage: true } })) }));

await scenario('streamHelper', async () => {
  const runner = client.chat.completions.stream({ model: 'marco-sandbox', messages: user('helper'),
    stream_options: { include_usage: true } });
  return await runner.finalChatCompletion();
});

await scenario('n2', () => client.chat.completions.create({ model: 'marco-sandbox', messages: user('two'), n: 2 }));

await scenario('n2Stream', async () => ({ chunks: await collect(await client.chat.completions.create({
  model: 'marco-sandbox', messages: user('two streams'), n: 2, stream: true })) }));

await scenario('stop', () => client.chat.completions.create({ model: 'marco-sandbox', messages: user('stop here'),
  stop: ['</answer>', 'STOP'] }));

await scenario('reasoning', () => client.chat.completions.create({ model: 'marco-reasoner', messages: user('marco') }));

await scenario('reasoningStream', async () => ({ chunks: await collect(await client.chat.completions.create({
  model: 'marco-reasoner', messages: user('marco'), stream: true })) }));

await scenario('reasoningRaw', () => client.chat.completions.create({ model: 'marco-reasoner', messages: user('marco'),
  reasoning_parser: 'none' }));

await scenario('badKey', () => new OpenAI({ baseURL: base, apiKey: 'mf-000000000000-nope', maxRetries: 0 })
  .chat.completions.create({ model: 'marco-sandbox', messages: user('hi') }));

await scenario('unknownModel', () => client.chat.completions.create({ model: 'gpt-9', messages: user('hi') }));

await scenario('rateLimited', async () => {
  const limited = new OpenAI({ baseURL: base, apiKey: process.env.LIMITED_KEY, maxRetries: 0 });
  await limited.chat.completions.create({ model: 'marco-sandbox', messages: user('one') });
  return await limited.chat.completions.create({ model: 'marco-sandbox', messages: user('two') });
});

await scenario('disconnect', async () => {
  const controller = new AbortController();
  const stream = await client.chat.completions.create({ model: 'marco-sandbox', messages: user('slow-stream'),
    stream: true }, { signal: controller.signal });
  let seen = 0;
  let kind = null;
  try {
    for await (const chunk of stream) {
      if (++seen >= 3) controller.abort();
    }
  } catch (e) {
    kind = e.constructor.name;
  }
  // The server would send ticks for 10 s (about 50 chunks); an abort ends the loop right after the third.
  return { aborted: controller.signal.aborted, kind, seen };
});

await scenario('models', async () => (await client.models.list()).data.map((m) => m.id));

await scenario('completion', () => client.completions.create({ model: 'marco-sandbox', prompt: 'Once upon',
  max_tokens: 9 }));

console.log(JSON.stringify(out));

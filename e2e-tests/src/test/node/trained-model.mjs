// The official OpenAI Node client against a model trained by ./marco train and served by the inference service.
// Prints one JSON line per call for the Java test to check.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.GATEWAY_URL, apiKey: process.env.API_KEY, maxRetries: 0 });
const model = process.env.MODEL;
const question = process.env.QUESTION;

const completion = await client.chat.completions.create({
  model, messages: [{ role: 'user', content: question }], temperature: 0, max_tokens: 80,
});
const choice = completion.choices[0];
console.log(JSON.stringify({ call: 'plain', content: choice.message.content,
  reasoning: choice.message.reasoning_content ?? null, finish: choice.finish_reason, usage: completion.usage }));

const stream = await client.chat.completions.create({
  model, messages: [{ role: 'user', content: question }], temperature: 0, max_tokens: 80, stream: true,
  stream_options: { include_usage: true },
});
let content = '';
let reasoning = '';
let usage = null;
for await (const chunk of stream) {
  if (chunk.usage) usage = chunk.usage;
  for (const c of chunk.choices) {
    content += c.delta?.content ?? '';
    reasoning += c.delta?.reasoning_content ?? '';
  }
}
console.log(JSON.stringify({ call: 'stream', content, reasoning, usage }));

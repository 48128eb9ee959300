// Runs an ONNX model directly in ONNX Runtime for Node.js on random batches and prints images/s as JSON.
// Usage: node throughput.js MODEL.onnx BATCH CHANNELS HEIGHT WIDTH SECONDS [THREADS]
const ort = require('onnxruntime-node');

async function main() {
  const [model, batch, channels, height, width, seconds, threads] = process.argv.slice(2);
  const n = Number(batch);
  const shape = [n, Number(channels), Number(height), Number(width)];
  const options = { graphOptimizationLevel: 'all', executionMode: 'sequential', interOpNumThreads: 1 };
  if (Number(threads) > 0) {
    options.intraOpNumThreads = Number(threads);
  }
  const session = await ort.InferenceSession.create(model, options);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.random();
  }
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', values, shape) };
  const warmUpUntil = Date.now() + 1000;
  while (Date.now() < warmUpUntil) {
    await session.run(feeds);
  }
  let runs = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + Number(seconds) * 1000;
  while (Date.now() < until) {
    await session.run(feeds);
    runs++;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ runs, batch: n, seconds: elapsed, imagesPerSecond: runs * n / elapsed }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

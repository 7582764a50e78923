// The yardstick: a bare Express 5 "hello world" on 127.0.0.1, started as its own process like Candor.
import express from 'express';

const port = Number(process.argv[2]);
const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
const server = app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));

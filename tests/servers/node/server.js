// A Node.js `http` server for the real-server matrix: what a small Node application looks like,
// with the resources cases/targets/node.yaml names. Usage: node server.js PORT
'use strict';
const http = require('http');

const port = Number(process.argv[2]);
const index = Buffer.from('<!DOCTYPE html>\n<title>wirecheck</title>\n<p>hello from node</p>\n');

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, Object.assign({ 'Content-Type': type }, headers));
  res.end(body);
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (path === '/' || path === '/index.html') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'text/plain', 'method not allowed\n', { Allow: 'GET, HEAD' });
      } else if (req.headers['if-none-match'] === '*') {
        res.writeHead(304);
        res.end();
      } else {
        send(res, 200, 'text/html', index);
      }
    } else if (path === '/echo') {
      send(res, 200, 'application/octet-stream', body);
    } else if (path === '/post') {
      send(res, 200, 'text/plain', `received ${body.length} bytes\n`);
    } else if (path === '/status/204') {
      res.writeHead(204);
      res.end();
    } else if (path === '/status/307') {
      send(res, 307, 'text/plain', 'see /index.html\n', { Location: '/index.html' });
    } else if (path === '/early-hints') {
      res.writeEarlyHints({ link: '</index.html>; rel=preload; as=document' });
      send(res, 200, 'text/html', index);
    } else {
      send(res, 404, 'text/plain', 'not found\n');
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening on 127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => process.exit(0));

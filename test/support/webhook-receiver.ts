import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A partner's system receiving webhooks on loopback: it records every POST, per path, and answers
 * with the status its path's responder gives for the n-th request (200 unless told otherwise), when
 * that responder says.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  readonly responders = new Map<string, (nth: number) => number | Promise<number>>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const path = request.url ?? '/';
        receiver.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const nth = receiver.at(path).length;
        response.statusCode = (await receiver.responders.get(path)?.(nth)) ?? 200;
        response.end('ok');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return receiver;
  }

  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  at(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  stop(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }
}

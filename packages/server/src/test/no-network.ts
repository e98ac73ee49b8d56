// Tests fail on any outbound network call: only loopback addresses and local sockets are allowed.
import net from 'node:net';

// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with the socket as `this` below
const original = net.Socket.prototype.connect;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.0\.0\.1)$/;

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: string; path?: string };
  if (options.path === undefined && options.host !== undefined && typeof options.host === 'string' && !LOOPBACK.test(options.host)) {
    throw new Error(`Test tried to reach ${options.host}: outbound network calls are not allowed in tests`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
};

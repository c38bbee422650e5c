import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a client address stands for in a limit (the per-client share of requests in flight,
 * the anonymous hourly budget): an IPv4 address itself; an IPv6 address its /64, the network one
 * site is given and in which a host picks any address it likes; an IPv4 address written as IPv6
 * (`::ffff:192.0.2.1`) the IPv4 one.
 */
export function networkOf(address: string): string {
  const host = address.replace(/%.*$/, '');
  if (!isIPv6(host)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  return `${groupsOf(host).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` expanded and each written without leading zeros; an embedded IPv4 counts two. */
function groupsOf(address: string): string[] {
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const before = groups(head);
  const after = groups(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((group) => parseInt(group, 16).toString(16));
}

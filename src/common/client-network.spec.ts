import { networkOf } from './client-network';

describe('networkOf', () => {
  it('is an IPv4 address itself, and the IPv4 address an IPv6 one maps', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    const network = '2001:db8:1:2::/64';
    for (const address of ['2001:db8:1:2::a', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2:0:0:0:1', '2001:db8:1:2::1%eth0', '2001:db8:1:2::192.0.2.1']) {
      expect({ address, network: networkOf(address) }).toEqual({ address, network });
    }
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('2001:db8:1:3::a')).not.toBe(network);
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
  });
});

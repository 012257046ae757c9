package fetch

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// blockedRange is a network crosswire refuses to contact unless told to:
// fetching URLs taken from feeds and redirects must not become a way to
// reach the operator's own machine or network (SSRF).
type blockedRange struct {
	prefix netip.Prefix
	reason string
}

var blockedRanges = func() []blockedRange {
	var out []blockedRange
	add := func(reason string, cidrs ...string) {
		for _, c := range cidrs {
			out = append(out, blockedRange{netip.MustParsePrefix(c), reason})
		}
	}
	add("loopback", "127.0.0.0/8", "::1/128")
	add("private", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
	add("link-local", "169.254.0.0/16", "fe80::/10")
	add("unspecified", "0.0.0.0/8", "::/128")
	add("multicast", "224.0.0.0/4", "ff00::/8")
	add("shared (CGNAT)", "100.64.0.0/10")
	add("reserved", "240.0.0.0/4")
	return out
}()

// BlockedReason says why ip may not be contacted, or "" when it may.
func BlockedReason(ip netip.Addr) string {
	ip = ip.Unmap() // ::ffff:10.0.0.1 is 10.0.0.1
	for _, r := range blockedRanges {
		if r.prefix.Contains(ip) {
			return r.reason
		}
	}
	return ""
}

// AddrError is returned when a URL resolves (or redirects) to an address the
// guard refuses.
type AddrError struct {
	URL    string
	Addr   netip.Addr
	Reason string
}

func (e *AddrError) Error() string {
	if e.URL == "" {
		return fmt.Sprintf("refusing %s address %s: use --allow-private", e.Reason, e.Addr)
	}
	return fmt.Sprintf("refusing %s address %s for %s: use --allow-private", e.Reason, e.Addr, e.URL)
}

// checkAddr applies the guard to one resolved address.
func (c *Client) checkAddr(ap netip.AddrPort) error {
	if c.opt.AllowPrivate {
		return nil
	}
	reason := BlockedReason(ap.Addr())
	if reason == "" {
		return nil
	}
	if c.opt.AllowAddr != nil && c.opt.AllowAddr(ap) {
		return nil
	}
	return &AddrError{Addr: ap.Addr().Unmap(), Reason: reason}
}

// dialControl runs after DNS resolution, for every connection including the
// ones redirects open, so a hostname that resolves to a private address (or
// rebinds to one) is caught where the check cannot be raced.
func (c *Client) dialControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		host, port, serr := net.SplitHostPort(address)
		if serr != nil {
			return fmt.Errorf("dial %s: %w", address, err)
		}
		ip, perr := netip.ParseAddr(host)
		if perr != nil {
			return fmt.Errorf("dial %s: unresolved host", address)
		}
		var p uint16
		fmt.Sscan(port, &p)
		ap = netip.AddrPortFrom(ip, p)
	}
	return c.checkAddr(ap)
}

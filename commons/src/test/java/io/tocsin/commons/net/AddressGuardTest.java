package io.tocsin.commons.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The address guard on every spelling of an internal address an attacker would try, with and without an allowlist. */
class AddressGuardTest {

    /** A DNS stand-in: names and what they resolve to. */
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.slack.test", List.of("52.1.2.3"),
            "rebind.example.test", List.of("52.1.2.3", "10.0.0.7"),
            "metadata.example.test", List.of("169.254.169.254"),
            "v6.example.test", List.of("2606:4700::1111"),
            "pager.corp.example", List.of("10.20.30.40"));

    private static final AddressGuard DEFAULT = new AddressGuard(List.of(), AddressGuardTest::lookup);

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] result = new InetAddress[addresses.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = InetAddress.getByName(addresses.get(i));
        }
        return result;
    }

    @Test
    void internalAddressesInEverySpellingAreRefusedAtSave() {
        for (String url : List.of(
                "http://127.0.0.1/", "http://127.0.0.1:8081/api", "http://127.255.255.254/", "http://127.1/",
                "http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
                "http://017700000001/", "http://127.000.000.001/", "http://localhost/", "http://LocalHost./",
                "http://api.localhost/", "http://0.0.0.0/", "http://0/", "http://10.0.0.1/", "http://172.16.5.4/",
                "http://172.31.255.255/", "http://192.168.0.1/", "http://100.64.1.1/", "http://169.254.169.254/latest/",
                "http://224.0.0.251/", "http://239.255.255.250/", "http://255.255.255.255/", "http://198.18.0.1/",
                "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::]/", "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/", "http://[::127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/",
                "http://[fe80::1]/", "http://[FE80::abcd]/", "http://[fd12:3456::1]/", "http://[fc00::1]/",
                "http://[ff02::1]/", "http://[fec0::1]/", "http://[2001:db8::1]/", "http://[2001::1]/")) {
            AddressGuard.Refused refused = assertThrows(AddressGuard.Refused.class, () -> DEFAULT.checkUrl(url), url);
            assertFalse(refused.getMessage().isBlank());
        }
    }

    @Test
    void onlyHttpUrlsWithAHostPass() {
        for (String url : List.of("ftp://example.test/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)",
                "http://", "http:///path", "not a url", "", "//example.test/")) {
            assertThrows(AddressGuard.Refused.class, () -> DEFAULT.checkUrl(url), url);
        }
        for (String url : List.of("https://hooks.slack.test/services/T1", "http://52.1.2.3:8080/x",
                "https://[2606:4700::1111]/", "HTTPS://Example.Test/x?y=1", "https://user@example.test/")) {
            assertDoesNotThrow(() -> DEFAULT.checkUrl(url), url);
        }
    }

    @Test
    void atSendEveryResolvedAddressIsCheckedAndTheCheckedOneReturned() throws Exception {
        assertEquals(InetAddress.getByName("52.1.2.3"), DEFAULT.resolve("https://hooks.slack.test/services/T1"));
        assertEquals(InetAddress.getByName("2606:4700::1111"), DEFAULT.resolve("https://v6.example.test/"));
        assertTrue(assertThrows(AddressGuard.Refused.class, () -> DEFAULT.resolve("https://metadata.example.test/"))
                .getMessage().contains("169.254.169.254"));
        assertThrows(AddressGuard.Refused.class, () -> DEFAULT.resolve("https://rebind.example.test/"),
                "one internal address among public ones is enough");
        assertThrows(AddressGuard.Refused.class, () -> DEFAULT.resolve("https://nowhere.example.test/"));
        assertThrows(AddressGuard.Refused.class, () -> DEFAULT.resolve("http://127.0.0.1:8083/"));
    }

    @Test
    void theDefaultRefusesLoopbackAndAnAllowlistOpensExactlyWhatItNames() throws Exception {
        assertFalse(DEFAULT.allows(InetAddress.getByName("127.0.0.1")));
        AddressGuard local = new AddressGuard(List.of("127.0.0.1/32", " 10.20.0.0/16 ", "pager.corp.example", ""),
                AddressGuardTest::lookup);
        assertEquals(InetAddress.getByName("127.0.0.1"), local.resolve("http://127.0.0.1:8083/hook"));
        assertEquals(InetAddress.getByName("10.20.30.40"), local.resolve("https://pager.corp.example/"));
        assertDoesNotThrow(() -> local.checkUrl("http://10.20.1.1/"));
        assertThrows(AddressGuard.Refused.class, () -> local.checkUrl("http://127.0.0.2/"), "only the /32 is allowed");
        assertThrows(AddressGuard.Refused.class, () -> local.checkUrl("http://[::1]/"), "IPv6 loopback is not 127.0.0.1");
        assertThrows(AddressGuard.Refused.class, () -> local.checkUrl("http://10.21.0.1/"));
        assertThrows(AddressGuard.Refused.class, () -> local.resolve("https://metadata.example.test/"));
        assertThrows(IllegalArgumentException.class, () -> new AddressGuard(List.of("10.0.0.0/33"), AddressGuardTest::lookup));
    }
}

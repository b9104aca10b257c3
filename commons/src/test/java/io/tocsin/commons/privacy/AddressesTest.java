package io.tocsin.commons.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AddressesTest {

    @Test
    void emailsKeepTheirFirstLetterAndDomainUrlsTheirHost() {
        assertEquals("a***@example.com", Addresses.mask("alice@example.com"));
        assertEquals("https://hooks.slack.com/…", Addresses.mask("https://hooks.slack.com/services/T0/B0/s3cr3t"));
        assertEquals("***", Addresses.mask("not an address"));
        assertEquals(null, Addresses.mask(null));
    }

    @Test
    void textLosesEveryAddressInIt() {
        String scrubbed = Addresses.scrub("Invalid webhook URL: Illegal character at index 40: "
                + "https://hooks.slack.com/services/T0/B0/s3cr3t x; SMTP 550 <bob.smith@example.com> unknown");
        assertFalse(scrubbed.contains("s3cr3t") || scrubbed.contains("hooks.slack.com") || scrubbed.contains("example.com"),
                scrubbed);
        assertEquals("SMTP 550 <[address removed]> unknown", Addresses.scrub("SMTP 550 <bob@example.com> unknown"));
    }
}

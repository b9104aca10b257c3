package io.tocsin.commons.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens are bound to link, incident, recipient and action, and to the key. */
class ActionTokensTest {

    private final ActionTokens tokens = new ActionTokens("a key of at least 16 bytes".getBytes(StandardCharsets.UTF_8));
    private final UUID link = UUID.randomUUID();
    private final UUID incident = UUID.randomUUID();

    @Test
    void aSignedTokenVerifiesOnlyForItsOwnBindings() {
        String token = tokens.sign(link, incident, "bob", "ACKNOWLEDGE");
        ActionTokens.Parsed parsed = ActionTokens.parse(token).orElseThrow();
        assertTrue(tokens.verify(parsed, incident, "bob", "ACKNOWLEDGE"));
        assertFalse(tokens.verify(parsed, incident, "bob", "RESOLVE"));
        assertFalse(tokens.verify(parsed, incident, "mallory", "ACKNOWLEDGE"));
        assertFalse(tokens.verify(parsed, UUID.randomUUID(), "bob", "ACKNOWLEDGE"));
        ActionTokens otherKey = new ActionTokens("another key, also long".getBytes(StandardCharsets.UTF_8));
        assertFalse(otherKey.verify(parsed, incident, "bob", "ACKNOWLEDGE"));
    }

    @Test
    void anotherLinkIdOrAChangedSignatureFails() {
        String token = tokens.sign(link, incident, "bob", "ACKNOWLEDGE");
        String movedToOtherLink = UUID.randomUUID() + token.substring(36);
        assertFalse(tokens.verify(ActionTokens.parse(movedToOtherLink).orElseThrow(), incident, "bob", "ACKNOWLEDGE"));
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertFalse(tokens.verify(ActionTokens.parse(tampered).orElseThrow(), incident, "bob", "ACKNOWLEDGE"));
    }

    @Test
    void malformedTokensDoNotParse() {
        assertTrue(ActionTokens.parse("").isEmpty());
        assertTrue(ActionTokens.parse("abc").isEmpty());
        assertTrue(ActionTokens.parse("not-a-uuid-not-a-uuid-not-a-uuid-xx.sig").isEmpty());
        assertTrue(ActionTokens.parse(link + ".a.b").isEmpty());
        assertTrue(ActionTokens.parse(null).isEmpty());
    }
}

package io.tocsin.commons.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NUL never survives reading JSON: in values, keys, lists, maps and free-form trees of any depth. */
class NulFreeStringsTest {

    record Alert(String summary, Map<String, String> labels, List<String> tags, JsonNode details) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new NulFreeStrings());

    @Test
    void everyStringOfARecordLosesItsNul() throws Exception {
        Alert alert = mapper.readValue("""
                {"summary":"disk\\u0000 full","labels":{"te\\u0000am":"o\\u0000ps"},"tags":["a\\u0000"],
                 "details":{"k\\u0000":["v\\u0000",{"\\u0000x":{"deep":"\\u0000y"}}],"n":1,"t":true,"z":null}}""", Alert.class);
        assertEquals("disk full", alert.summary());
        assertEquals(Map.of("team", "ops"), alert.labels());
        assertEquals(List.of("a"), alert.tags());
        assertEquals(mapper.readTree("{\"k\":[\"v\",{\"x\":{\"deep\":\"y\"}}],\"n\":1,\"t\":true,\"z\":null}"), alert.details());
    }

    @Test
    void textWithoutNulAndNullsAreUntouched() throws Exception {
        Alert alert = mapper.readValue("{\"summary\":\"a\\\\u0000 is only text\",\"details\":null}", Alert.class);
        assertEquals("a\\u0000 is only text", alert.summary(), "an escaped backslash is not a NUL");
        assertTrue(alert.details() == null || alert.details().isNull());
        assertEquals("\"x\"", mapper.readValue("\"x\\u0000\"", JsonNode.class).toString());
        assertFalse(mapper.readValue("[\"\\u0000\"]", JsonNode.class).toString().contains("\\u0000"));
    }
}

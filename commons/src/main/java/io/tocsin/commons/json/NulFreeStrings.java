package io.tocsin.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every string read from JSON loses its NUL characters (U+0000): string values, object keys (labels) and the text
 * inside free-form trees ({@code details}, {@code custom_details}). PostgreSQL refuses NUL in {@code text} and
 * {@code jsonb}, so one NUL in an alert used to end in a 500, which monitoring systems retry forever; stripping it
 * keeps the alert (a NUL carries no meaning a person could read). Registered on the shared ObjectMapper by
 * {@link JsonSetup}, so intake and every JSON API of every service are covered.
 */
public final class NulFreeStrings extends SimpleModule {

    public NulFreeStrings() {
        super("tocsin-nul-free-strings");
        addDeserializer(String.class, new Strings());
        addKeyDeserializer(String.class, new Keys());
        addDeserializer(JsonNode.class, new Trees());
    }

    /** {@code text} without NUL characters (the same instance when it has none). */
    public static String strip(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    /** Jackson's own string reading (coercions included), then the NULs removed. */
    static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return strip(StringDeserializer.instance.deserialize(parser, context));
        }
    }

    static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return strip(key);
        }
    }

    /** Jackson's own tree, then every text and field name in it cleaned, without recursion (trees can be deep). */
    static final class Trees extends StdScalarDeserializer<JsonNode> {

        Trees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(parser, context);
            if (tree instanceof TextNode text) {
                return TextNode.valueOf(strip(text.textValue()));
            }
            Deque<JsonNode> containers = new ArrayDeque<>();
            containers.push(tree);
            while (!containers.isEmpty()) {
                JsonNode node = containers.pop();
                if (node instanceof ObjectNode object) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    for (String name : names) {
                        JsonNode value = object.get(name);
                        String clean = strip(name);
                        if (!clean.equals(name)) {
                            object.remove(name);
                        }
                        object.set(clean, clean(value, containers));
                    }
                } else if (node instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        array.set(i, clean(array.get(i), containers));
                    }
                }
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return NullNode.getInstance();
        }

        private static JsonNode clean(JsonNode value, Deque<JsonNode> containers) {
            if (value.isContainerNode()) {
                containers.push(value);
                return value;
            }
            return value instanceof TextNode text && text.textValue().indexOf('\0') >= 0
                    ? TextNode.valueOf(strip(text.textValue())) : value;
        }
    }
}

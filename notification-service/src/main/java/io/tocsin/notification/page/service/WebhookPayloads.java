package io.tocsin.notification.page.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Link;

/** The JSON a page becomes for a webhook contact method: Tocsin's generic shape, a Slack message or a Teams card. */
public final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    public static String page(ContactMethod.Format format, PageView view, String respondByIso) {
        ObjectNode payload = switch (format == null ? ContactMethod.Format.GENERIC : format) {
            case GENERIC -> generic(view, respondByIso);
            case SLACK -> slack(view);
            case TEAMS -> teams(view);
        };
        return payload.toString();
    }

    private static ObjectNode generic(PageView view, String respondByIso) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "page");
        node.put("incidentId", view.incidentId());
        node.put("priority", view.priority());
        node.put("service", view.service());
        node.put("summary", view.summary());
        node.put("subject", view.subject());
        node.put("respondBy", respondByIso);
        node.put("timeLeft", view.timeLeft());
        node.put("step", view.step());
        node.put("loop", view.loop());
        node.put("reason", view.reason());
        ArrayNode links = node.putArray("links");
        for (Link link : view.links()) {
            links.addObject().put("href", link.href()).put("text", link.text());
        }
        node.put("acknowledgeUrl", view.acknowledgeUrl());
        node.put("resolveUrl", view.resolveUrl());
        return node;
    }

    private static ObjectNode slack(PageView view) {
        ObjectNode node = JSON.createObjectNode();
        node.put("text", view.subject());
        ArrayNode blocks = node.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + view.subject() + "*\n"
                + "Respond by " + view.respondBy() + " (" + view.timeLeft() + ") · escalation step " + view.step());
        ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
        button(buttons, "Acknowledge", view.acknowledgeUrl(), "danger");
        button(buttons, "Resolve", view.resolveUrl(), "primary");
        for (Link link : view.links()) {
            button(buttons, link.text() == null ? link.href() : link.text(), link.href(), null);
        }
        return node;
    }

    private static void button(ArrayNode buttons, String text, String url, String style) {
        ObjectNode button = buttons.addObject().put("type", "button").put("url", url);
        button.putObject("text").put("type", "plain_text").put("text", text);
        if (style != null) {
            button.put("style", style);
        }
    }

    private static ObjectNode teams(PageView view) {
        ObjectNode node = JSON.createObjectNode();
        node.put("@type", "MessageCard");
        node.put("@context", "https://schema.org/extensions");
        node.put("summary", view.subject());
        node.put("themeColor", "B00020");
        node.put("title", view.subject());
        node.put("text", view.summary() + " — respond by " + view.respondBy() + " (" + view.timeLeft()
                + "), escalation step " + view.step());
        ArrayNode actions = node.putArray("potentialAction");
        openUri(actions, "Acknowledge", view.acknowledgeUrl());
        openUri(actions, "Resolve", view.resolveUrl());
        for (Link link : view.links()) {
            openUri(actions, link.text() == null ? link.href() : link.text(), link.href());
        }
        return node;
    }

    private static void openUri(ArrayNode actions, String name, String uri) {
        ObjectNode action = actions.addObject().put("@type", "OpenUri").put("name", name);
        action.putArray("targets").addObject().put("os", "default").put("uri", uri);
    }
}

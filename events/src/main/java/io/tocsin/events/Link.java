package io.tocsin.events;

/** A link an alert carried (runbook, dashboard, graph), shown in pages and the timeline. */
public record Link(String href, String text) {
}

package io.tocsin.intake;

import io.tocsin.events.Link;

import java.util.List;

/**
 * An alert in Tocsin's own terms, whatever format it arrived in: every intake format is mapped to this before
 * deduplication and classification see it.
 *
 * @param service the service slug, or null to use the integration's
 * @param resolved true when the monitoring system says the problem is over
 */
public record NormalizedAlert(String dedupKey, String summary, String severity, String service, String source,
                              List<Link> links, boolean resolved) {
}

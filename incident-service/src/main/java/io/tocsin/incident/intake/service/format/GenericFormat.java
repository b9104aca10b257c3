package io.tocsin.incident.intake.service.format;

import io.tocsin.events.Link;
import io.tocsin.incident.intake.model.NormalizedAlert;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The generic JSON alert (already validated) as a Tocsin alert; severity defaults to error, dedup key to a new one. */
public final class GenericFormat {

    private GenericFormat() {
    }

    public static NormalizedAlert map(GenericAlert alert) {
        boolean resolved = "resolved".equals(alert.status());
        return new NormalizedAlert(resolved ? NormalizedAlert.Action.RESOLVE : NormalizedAlert.Action.TRIGGER,
                alert.dedupKey() != null ? alert.dedupKey() : UUID.randomUUID().toString(),
                alert.summary(),
                alert.severity() != null ? alert.severity() : "error",
                alert.service(),
                alert.source(),
                alert.links() == null ? List.of() : alert.links().stream().map(l -> new Link(l.href(), l.text())).toList(),
                alert.labels() == null ? Map.of() : alert.labels(),
                List.of(), 0);
    }
}

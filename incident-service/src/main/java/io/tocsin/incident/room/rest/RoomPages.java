package io.tocsin.incident.room.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tocsin.events.IncidentRole;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.TimelineEntry;
import io.tocsin.incident.room.model.RoleHolder;
import io.tocsin.incident.room.model.Task;
import io.tocsin.incident.room.service.ResponseClock;
import io.tocsin.incident.room.service.RoleRules;
import io.tocsin.incident.room.service.RoomService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Renders the room page (Qute, no build step, one column on a phone). Its script and style carry a per-response nonce
 * and nothing else may run; the page holds a room token in its URLs, so it is never cached and never sent as a
 * referrer.
 */
@ApplicationScoped
public class RoomPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance room(RoomView room);
    }

    /** What the page shows. {@code token} opens the stream and the refresh of the state; {@code entries} newest first. */
    public record RoomView(String incidentId, String service, String priority, String status, String phase,
                           String summary, String respondBy, ResponseClock.Reading clock, String bridgeUrl,
                           List<RoleLine> roles, List<String> responders, List<TaskLine> tasks,
                           List<EntryLine> entries, long lastSeq, String token, String nonce) {
    }

    public record RoleLine(String role, String holder) {
    }

    public record TaskLine(String title, String owner) {
    }

    public record EntryLine(long seq, String at, String time, String kind, String actor, String detail) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final SecureRandom random = new SecureRandom();

    public Response render(RoomService.Snapshot snapshot, String token) {
        Incident i = snapshot.incident();
        List<RoleLine> roles = List.of(IncidentRole.COMMANDER, IncidentRole.COMMUNICATIONS_LEAD, IncidentRole.SCRIBE)
                .stream().map(role -> new RoleLine(capitalized(RoleRules.name(role)), snapshot.roles().stream()
                        .filter(h -> h.role == role).map(RoomPages::name).findFirst().orElse(null)))
                .toList();
        List<String> responders = snapshot.roles().stream().filter(h -> h.role == IncidentRole.RESPONDER)
                .map(RoomPages::name).toList();
        List<TaskLine> tasks = snapshot.openTasks().stream().map(RoomPages::task).toList();
        List<EntryLine> entries = snapshot.timeline().stream().map(RoomPages::entry).toList();
        byte[] nonceBytes = new byte[18];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        RoomView view = new RoomView(i.id.toString(), i.service, i.priority, i.status.name(), i.phase.name(), i.summary,
                i.respondBy.toString(), ResponseClock.read(i.status.name(), i.respondBy, i.acknowledgedAt, Instant.now()),
                i.bridgeUrl, roles, responders, tasks, entries, i.timelineSeq, token, nonce);
        return Response.ok(Templates.room(view).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
                        + nonce + "'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
                        + "frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String name(RoleHolder h) {
        return h.personName != null && !h.personName.isBlank() ? h.personName : h.personId;
    }

    private static TaskLine task(Task t) {
        return new TaskLine(t.title, t.ownerId == null ? null : t.ownerName != null ? t.ownerName : t.ownerId);
    }

    private static EntryLine entry(TimelineEntry e) {
        return new EntryLine(e.seq, e.at.toString(), TIME.format(e.at), e.kind, e.actor, e.detail);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

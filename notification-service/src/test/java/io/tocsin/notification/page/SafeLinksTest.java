package io.tocsin.notification.page;

import io.tocsin.events.Link;
import io.tocsin.notification.page.service.SafeLinks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SafeLinksTest {

    @Test
    void onlyAbsoluteWebLinksAreKept() {
        List<Link> from = List.of(
                new Link("https://grafana.example.test/d/42", "Dashboard"),
                new Link("HTTP://runbooks.example.test/x", "Runbook"),
                new Link("javascript:alert(document.cookie)", "Click me"),
                new Link("JavaScript:alert(1)", null),
                new Link(" javascript:alert(1)", null),
                new Link("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "Report"),
                new Link("vbscript:msgbox(1)", null),
                new Link("file:///etc/passwd", null),
                new Link("//evil.example.test/x", "protocol-relative"),
                new Link("/relative/path", null),
                new Link("https:///no-host", null),
                new Link("https://exa mple.test/", null),
                new Link(null, "no href"));
        assertEquals(List.of("https://grafana.example.test/d/42", "HTTP://runbooks.example.test/x"),
                SafeLinks.clickable(from).stream().map(Link::href).toList());
    }
}

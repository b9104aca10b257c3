package io.tocsin.notification.page.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.startup.Warmup;
import io.tocsin.events.ContactMethod;
import io.tocsin.notification.shared.service.MailContent;
import io.tocsin.notification.stakeholder.service.Audiences;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/** Renders a page in every language and format, and loads the audiences, once at start (see commons' Warmup). */
@ApplicationScoped
public class PageWarmup {

    void onStart(@Observes StartupEvent event, Vertx vertx, PageRenderer renderer, Audiences audiences) {
        PageView view = new PageView("[P1] warm-up", "Warm-up", "P1", "warm-up", "warm-up", "15 min", "12:00",
                List.of(), 1, 0, 1, "warm-up", "http://127.0.0.1/a/warm-up", "http://127.0.0.1/a/warm-up", "warm-up");
        Warmup.run(vertx, "pages", () -> Uni.createFrom().item(() -> {
            for (MailContent.Language language : MailContent.Language.values()) {
                renderer.render(view, language);
            }
            for (ContactMethod.Format format : ContactMethod.Format.values()) {
                WebhookPayloads.page(format, view, null);
            }
            return null;
        }).chain(() -> Panache.withSession(audiences::now)));
    }
}

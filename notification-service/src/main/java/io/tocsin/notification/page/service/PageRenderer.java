package io.tocsin.notification.page.service;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.tocsin.events.Link;
import io.tocsin.notification.shared.service.MailContent;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders a page email (HTML and plain text) in the recipient's language with Qute. */
@ApplicationScoped
@TemplateData(target = Link.class)
public class PageRenderer {

    /** A rendered page. */
    public record Rendered(String text, String html) {
    }

    private final Template textEn;
    private final Template htmlEn;
    private final Template textDe;
    private final Template htmlDe;

    public PageRenderer(@Location("page/page-en.txt") Template textEn, @Location("page/page-en.html") Template htmlEn,
                        @Location("page/page-de.txt") Template textDe, @Location("page/page-de.html") Template htmlDe) {
        this.textEn = textEn;
        this.htmlEn = htmlEn;
        this.textDe = textDe;
        this.htmlDe = htmlDe;
    }

    public Rendered render(PageView view, MailContent.Language language) {
        boolean de = language == MailContent.Language.DE;
        return new Rendered((de ? textDe : textEn).data("view", view).render(),
                (de ? htmlDe : htmlEn).data("view", view).render());
    }
}

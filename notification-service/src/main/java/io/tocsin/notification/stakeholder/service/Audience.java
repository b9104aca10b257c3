package io.tocsin.notification.stakeholder.service;

import io.tocsin.events.Priority;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Subscription;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Who hears about what, as plain rules: the plan for the priority, then the groups' subscriptions. */
public final class Audience {

    private Audience() {
    }

    /** Whether the plan sends this event for its priority. */
    public static boolean planned(PlanEntry plan, PlanEntry.Event event) {
        return plan != null && split(plan.events).contains(event.name());
    }

    /** Whether a subscription covers an incident of this service and priority (P1 is the highest). */
    public static boolean covers(Subscription subscription, String service, Priority priority) {
        boolean serviceMatches = Subscription.ALL_SERVICES.equals(subscription.service)
                || subscription.service.equals(service);
        return serviceMatches && priority.compareTo(Priority.valueOf(subscription.minPriority)) <= 0;
    }

    /** Whether the plan addresses this group (an empty audience list means every subscribed group). */
    public static boolean addressed(PlanEntry plan, String groupName) {
        Set<String> audiences = split(plan.audiences);
        return audiences.isEmpty() || audiences.contains(groupName);
    }

    public static Set<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    public static String join(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }
}

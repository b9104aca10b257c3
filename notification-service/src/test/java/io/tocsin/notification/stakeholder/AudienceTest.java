package io.tocsin.notification.stakeholder;

import io.tocsin.events.Priority;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Subscription;
import io.tocsin.notification.stakeholder.service.Audience;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who hears about what: the plan and the subscriptions, without Quarkus. */
class AudienceTest {

    @Test
    void subscriptionsCoverTheirServiceFromTheirMinimumPriorityUp() {
        Subscription shopP2 = subscription("shop", "P2");
        assertTrue(Audience.covers(shopP2, "shop", Priority.P1));
        assertTrue(Audience.covers(shopP2, "shop", Priority.P2));
        assertFalse(Audience.covers(shopP2, "shop", Priority.P3));
        assertFalse(Audience.covers(shopP2, "search", Priority.P1));
        assertTrue(Audience.covers(subscription("*", "P4"), "anything", Priority.P4));
    }

    @Test
    void thePlanListsEventsAndOptionallyTheGroupsAddressed() {
        PlanEntry plan = new PlanEntry();
        plan.events = "TRIGGERED,RESOLVED";
        plan.audiences = "";
        assertTrue(Audience.planned(plan, PlanEntry.Event.RESOLVED));
        assertFalse(Audience.planned(plan, PlanEntry.Event.PUBLIC_UPDATE));
        assertFalse(Audience.planned(null, PlanEntry.Event.RESOLVED));
        assertTrue(Audience.addressed(plan, "executives"));
        plan.audiences = "executives, customer-support";
        assertTrue(Audience.addressed(plan, "customer-support"));
        assertFalse(Audience.addressed(plan, "engineering"));
        assertEquals(2, Audience.split(" a, ,b ").size());
    }

    private static Subscription subscription(String service, String minPriority) {
        Subscription s = new Subscription();
        s.service = service;
        s.minPriority = minPriority;
        return s;
    }
}

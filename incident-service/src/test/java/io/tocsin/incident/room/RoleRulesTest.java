package io.tocsin.incident.room;

import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.IncidentRole;
import io.tocsin.incident.room.service.RoleRules;
import io.tocsin.incident.room.service.RoleRules.Caller;
import io.tocsin.incident.room.service.RoleRules.Holder;
import io.tocsin.incident.room.service.RoleRules.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tocsin.events.IncidentRole.COMMANDER;
import static io.tocsin.events.IncidentRole.RESPONDER;
import static io.tocsin.events.IncidentRole.SCRIBE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Who may change which role, and what each request does, on every branch. */
class RoleRulesTest {

    private static final Caller ALICE = new Caller("alice", false);
    private static final Caller BOB = new Caller("bob", false);
    private static final Caller CAROL_IC = new Caller("carol", true);
    private static final List<Holder> ALICE_COMMANDS = List.of(new Holder(COMMANDER, "alice"));

    @Test
    void anyoneTakesAVacantRoleThemselvesButGivesItToOthersOnlyWithAuthority() {
        assertEquals(Outcome.ASSIGN, RoleRules.assign(List.of(), COMMANDER, "alice", ALICE, true).outcome());
        assertStatus(403, () -> RoleRules.assign(List.of(), SCRIBE, "dave", BOB, true));
        assertEquals(Outcome.ASSIGN, RoleRules.assign(List.of(), SCRIBE, "dave", CAROL_IC, true).outcome());
        assertEquals(Outcome.ASSIGN, RoleRules.assign(ALICE_COMMANDS, SCRIBE, "dave", ALICE, true).outcome(),
                "the incident's commander staffs the room");
    }

    @Test
    void assigningTheHolderAgainChangesNothingAndAHeldRoleIsHandedOverNotTaken() {
        assertEquals(Outcome.NO_CHANGE, RoleRules.assign(ALICE_COMMANDS, COMMANDER, "alice", ALICE, true).outcome());
        assertStatus(409, () -> RoleRules.assign(ALICE_COMMANDS, COMMANDER, "bob", BOB, true));
        assertStatus(409, () -> RoleRules.assign(ALICE_COMMANDS, COMMANDER, "bob", CAROL_IC, true));
        assertEquals(Outcome.ASSIGN, RoleRules.assign(List.of(new Holder(RESPONDER, "bob")), RESPONDER, "dave",
                CAROL_IC, true).outcome(), "responders are many");
        assertStatus(409, () -> RoleRules.assign(List.of(), COMMANDER, "alice", ALICE, false));
    }

    @Test
    void aHandOverNamesWhoGivesTheRoleUpSoARetryTakesItFromNobodyElse() {
        RoleRules.Decision d = RoleRules.handOver(ALICE_COMMANDS, COMMANDER, null, "bob", ALICE, true);
        assertEquals(Outcome.HAND_OVER, d.outcome());
        assertEquals("alice", d.previousHolder());
        List<Holder> bobCommands = List.of(new Holder(COMMANDER, "bob"));
        assertEquals(Outcome.NO_CHANGE, RoleRules.handOver(bobCommands, COMMANDER, null, "bob", ALICE, true).outcome(),
                "Alice's retry after the hand-over");
        List<Holder> eveCommands = List.of(new Holder(COMMANDER, "eve"));
        assertStatus(409, () -> RoleRules.handOver(eveCommands, COMMANDER, null, "bob", ALICE, true));
        assertStatus(409, () -> RoleRules.handOver(List.of(), COMMANDER, null, "bob", ALICE, true));
        assertStatus(403, () -> RoleRules.handOver(ALICE_COMMANDS, COMMANDER, "alice", "bob", BOB, true));
        assertEquals(Outcome.HAND_OVER, RoleRules.handOver(ALICE_COMMANDS, COMMANDER, "alice", "bob", CAROL_IC, true)
                .outcome());
        assertStatus(422, () -> RoleRules.handOver(List.of(new Holder(RESPONDER, "bob")), RESPONDER, "bob", "dave",
                CAROL_IC, true));
        assertStatus(409, () -> RoleRules.handOver(ALICE_COMMANDS, COMMANDER, null, "bob", ALICE, false));
    }

    @Test
    void releasingIsForTheHolderOrTheCommanderAndRepeatingItChangesNothing() {
        List<Holder> room = List.of(new Holder(COMMANDER, "alice"), new Holder(SCRIBE, "dave"));
        assertEquals(Outcome.RELEASE, RoleRules.release(room, SCRIBE, "dave", new Caller("dave", false)).outcome());
        assertEquals(Outcome.RELEASE, RoleRules.release(room, SCRIBE, "dave", ALICE).outcome());
        assertStatus(403, () -> RoleRules.release(room, SCRIBE, "dave", BOB));
        assertEquals(Outcome.NO_CHANGE, RoleRules.release(room, SCRIBE, "bob", BOB).outcome());
        assertEquals(Outcome.NO_CHANGE, RoleRules.release(List.of(), COMMANDER, "alice", ALICE).outcome());
    }

    private static void assertStatus(int status, Runnable request) {
        ProblemException e = assertThrows(ProblemException.class, request::run);
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void rolesReadAsPeopleSayThem() {
        assertEquals("communications lead", RoleRules.name(IncidentRole.COMMUNICATIONS_LEAD));
    }
}

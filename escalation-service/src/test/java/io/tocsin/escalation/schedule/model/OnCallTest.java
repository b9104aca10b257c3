package io.tocsin.escalation.schedule.model;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedule maths: rotations, daylight-saving changes, layers, restrictions and overrides. */
class OnCallTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final List<String> ABC = List.of("alice", "bob", "carol");

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    private static OnCall single(Rotation rotation, ZoneId zone) {
        return new OnCall(zone, List.of(new Layer(rotation, List.of())), List.of());
    }

    // --- rotations --------------------------------------------------------------------------------------------

    @Test
    void aDailyRotationHandsOffAtTheHandoffTime() {
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-01-05T09:00"), ABC), BERLIN);
        assertEquals(List.of("alice"), s.at(at("2026-01-05T09:00", BERLIN)));
        assertEquals(List.of("alice"), s.at(at("2026-01-06T08:59", BERLIN)));
        assertEquals(List.of("bob"), s.at(at("2026-01-06T09:00", BERLIN)));
        assertEquals(List.of("carol"), s.at(at("2026-01-07T12:00", BERLIN)));
        assertEquals(List.of("alice"), s.at(at("2026-01-08T09:00", BERLIN)));
    }

    @Test
    void nobodyIsOnCallBeforeTheRotationStarts() {
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-01-05T09:00"), ABC), BERLIN);
        assertEquals(List.of(), s.at(at("2026-01-05T08:59", BERLIN)));
    }

    @Test
    void aWeeklyRotationTurnsEveryWeek() {
        OnCall s = single(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T10:00"), ABC), BERLIN);
        assertEquals(List.of("alice"), s.at(at("2026-01-11T23:00", BERLIN)));
        assertEquals(List.of("bob"), s.at(at("2026-01-12T10:00", BERLIN)));
        assertEquals(List.of("carol"), s.at(at("2026-01-19T10:00", BERLIN)));
        assertEquals(List.of("alice"), s.at(at("2026-01-26T10:00", BERLIN)));
    }

    @Test
    void anHourlyRotationOfTwelveHoursGivesDayAndNightShifts() {
        OnCall s = single(new Rotation(Rotation.Type.HOURLY, 12, LocalDateTime.parse("2026-01-05T08:00"),
                List.of("day", "night")), BERLIN);
        assertEquals(List.of("day"), s.at(at("2026-01-05T19:59", BERLIN)));
        assertEquals(List.of("night"), s.at(at("2026-01-05T20:00", BERLIN)));
        assertEquals(List.of("day"), s.at(at("2026-01-06T08:00", BERLIN)));
    }

    @Test
    void aCustomRotationUsesSecondsAndTwoDayShifts() {
        OnCall custom = single(new Rotation(Rotation.Type.CUSTOM, 90 * 60, LocalDateTime.parse("2026-01-05T00:00"),
                List.of("a", "b")), ZoneId.of("UTC"));
        assertEquals(List.of("a"), custom.at(Instant.parse("2026-01-05T01:29:59Z")));
        assertEquals(List.of("b"), custom.at(Instant.parse("2026-01-05T01:30:00Z")));
        OnCall twoDays = single(new Rotation(Rotation.Type.DAILY, 2, LocalDateTime.parse("2026-01-05T09:00"),
                List.of("a", "b")), BERLIN);
        assertEquals(List.of("a"), twoDays.at(at("2026-01-07T08:00", BERLIN)));
        assertEquals(List.of("b"), twoDays.at(at("2026-01-07T09:00", BERLIN)));
    }

    @Test
    void aRotationNeedsParticipantsAndAPositiveLength() {
        assertThrows(IllegalArgumentException.class, () ->
                new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-01-05T09:00"), List.of()));
        assertThrows(IllegalArgumentException.class, () ->
                new Rotation(Rotation.Type.DAILY, 0, LocalDateTime.parse("2026-01-05T09:00"), ABC));
    }

    // --- daylight saving ----------------------------------------------------------------------------------------

    @Test
    void aDailyBerlinRotationHandsOffAt0900LocalAcrossBothChanges() {
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-01-05T09:00"), ABC), BERLIN);
        List<Shift> shifts = s.shifts(at("2026-03-01T09:00", BERLIN), at("2026-11-30T09:00", BERLIN));
        assertEquals(274, shifts.size());
        for (Shift shift : shifts) {
            assertEquals(LocalTime.of(9, 0), shift.start().atZone(BERLIN).toLocalTime(), shift.toString());
        }
        // The night of 28-29 March 2026 has 23 hours, the night of 24-25 October 25.
        assertEquals(Duration.ofHours(23), length(shifts, LocalDate.of(2026, 3, 28)));
        assertEquals(Duration.ofHours(25), length(shifts, LocalDate.of(2026, 10, 24)));
        assertEquals(Duration.ofHours(24), length(shifts, LocalDate.of(2026, 6, 1)));
    }

    @Test
    void aDailyNewYorkRotationHandsOffAt0900LocalAcrossBothChanges() {
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-01-05T09:00"), ABC), NEW_YORK);
        List<Shift> shifts = s.shifts(at("2026-03-01T09:00", NEW_YORK), at("2026-11-30T09:00", NEW_YORK));
        shifts.forEach(shift -> assertEquals(LocalTime.of(9, 0), shift.start().atZone(NEW_YORK).toLocalTime()));
        // 8 March and 1 November 2026 are New York's changes.
        assertEquals(Duration.ofHours(23), length(shifts, LocalDate.of(2026, 3, 7)));
        assertEquals(Duration.ofHours(25), length(shifts, LocalDate.of(2026, 10, 31)));
    }

    @Test
    void aHandoffInsideTheSpringGapMovesToTheFirstValidInstant() {
        // 02:30 does not exist in Berlin on 29 March 2026; that day's handoff happens at 03:30 CEST.
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-03-27T02:30"), ABC), BERLIN);
        assertEquals(List.of("bob"), s.at(at("2026-03-29T01:59", BERLIN)));
        assertEquals(List.of("bob"), s.at(Instant.parse("2026-03-29T01:29:59Z")));
        assertEquals(List.of("carol"), s.at(Instant.parse("2026-03-29T01:30:00Z")));
        assertEquals(List.of("alice"), s.at(at("2026-03-30T02:30", BERLIN)));
    }

    @Test
    void aHandoffInsideTheAutumnOverlapUsesTheEarlierOffset() {
        // 02:30 happens twice in Berlin on 25 October 2026; the handoff is at the first (CEST, 00:30Z).
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-10-24T02:30"),
                List.of("a", "b")), BERLIN);
        assertEquals(List.of("a"), s.at(Instant.parse("2026-10-25T00:29:59Z")));
        assertEquals(List.of("b"), s.at(Instant.parse("2026-10-25T00:30:00Z")));
    }

    @Test
    void aWeeklyNewYorkRotationKeepsItsLocalHandoffOverTheNovemberChange() {
        OnCall s = single(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-10-26T09:00"),
                List.of("a", "b")), NEW_YORK);
        assertEquals(List.of("a"), s.at(at("2026-11-02T08:59", NEW_YORK)));
        assertEquals(List.of("b"), s.at(at("2026-11-02T09:00", NEW_YORK)));
        assertEquals(Instant.parse("2026-11-02T14:00:00Z"), at("2026-11-02T09:00", NEW_YORK));
    }

    @Test
    void hourlyShiftsAreFixedDurationsAcrossTheChange() {
        OnCall s = single(new Rotation(Rotation.Type.HOURLY, 1, LocalDateTime.parse("2026-03-29T00:00"),
                List.of("a", "b")), BERLIN);
        // 00:00 a, 01:00 b, 03:00 (= one hour after 01:00 CET) a.
        assertEquals(List.of("a"), s.at(at("2026-03-29T03:30", BERLIN)));
    }

    // --- layers and restrictions -------------------------------------------------------------------------------

    @Test
    void aLaterLayerWinsWhereItHasSomeone() {
        Layer base = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T09:00"),
                List.of("base")), List.of());
        Layer weekend = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T00:00"),
                List.of("weekend")), List.of(new Restriction(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        OnCall s = new OnCall(BERLIN, List.of(base, weekend), List.of());
        assertEquals(List.of("base"), s.at(at("2026-01-09T12:00", BERLIN)));
        assertEquals(List.of("weekend"), s.at(at("2026-01-10T12:00", BERLIN)));
        assertEquals(List.of("weekend"), s.at(at("2026-01-11T23:59", BERLIN)));
        assertEquals(List.of("base"), s.at(at("2026-01-12T00:00", BERLIN)));
    }

    @Test
    void followTheSunRestrictionsHandBetweenRegions() {
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        Layer europe = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T00:00"),
                List.of("eu")), List.of(new Restriction(weekdays, LocalTime.of(8, 0), LocalTime.of(16, 0))));
        Layer america = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T00:00"),
                List.of("us")), List.of(new Restriction(weekdays, LocalTime.of(16, 0), LocalTime.of(8, 0))));
        OnCall s = new OnCall(ZoneId.of("UTC"), List.of(europe, america), List.of());
        assertEquals(List.of("eu"), s.at(Instant.parse("2026-01-07T09:00:00Z")));
        assertEquals(List.of("us"), s.at(Instant.parse("2026-01-07T17:00:00Z")));
        assertEquals(List.of("us"), s.at(Instant.parse("2026-01-08T07:59:00Z")), "overnight window runs into Thursday");
        assertEquals(List.of("us"), s.at(Instant.parse("2026-01-10T07:00:00Z")), "Friday's night runs into Saturday");
        assertEquals(List.of(), s.at(Instant.parse("2026-01-10T12:00:00Z")), "nobody on Saturday afternoon");
    }

    @Test
    void anOvernightRestrictionContainsTheRightMoments() {
        Restriction night = new Restriction(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertTrue(night.contains(ZonedDateTime.of(2026, 1, 5, 23, 0, 0, 0, BERLIN)));
        assertTrue(night.contains(ZonedDateTime.of(2026, 1, 6, 5, 59, 0, 0, BERLIN)));
        assertFalse(night.contains(ZonedDateTime.of(2026, 1, 6, 6, 0, 0, 0, BERLIN)));
        assertFalse(night.contains(ZonedDateTime.of(2026, 1, 6, 23, 0, 0, 0, BERLIN)));
        assertFalse(night.contains(ZonedDateTime.of(2026, 1, 5, 5, 0, 0, 0, BERLIN)));
    }

    @Test
    void aRestrictionFollowsLocalTimeAcrossDaylightSaving() {
        Layer office = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T00:00"),
                List.of("office")), List.of(new Restriction(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(17, 0))));
        OnCall s = new OnCall(NEW_YORK, List.of(office), List.of());
        assertEquals(List.of("office"), s.at(Instant.parse("2026-01-07T14:00:00Z")), "09:00 EST");
        assertEquals(List.of(), s.at(Instant.parse("2026-07-07T12:30:00Z")), "08:30 EDT");
        assertEquals(List.of("office"), s.at(Instant.parse("2026-07-07T13:00:00Z")), "09:00 EDT");
    }

    // --- overrides ----------------------------------------------------------------------------------------------

    private static final OnCall WEEK = new OnCall(BERLIN, List.of(new Layer(new Rotation(Rotation.Type.WEEKLY, 1,
            LocalDateTime.parse("2026-01-05T09:00"), ABC), List.of())), List.of());

    private static OnCall with(OverrideRule... overrides) {
        return new OnCall(WEEK.zone(), WEEK.layers(), List.of(overrides));
    }

    @Test
    void aReplaceOverrideTakesTheShiftForItsRangeOnly() {
        OnCall s = with(new OverrideRule(OverrideRule.Kind.REPLACE, "dave", null,
                at("2026-01-06T18:00", BERLIN), at("2026-01-07T08:00", BERLIN)));
        assertEquals(List.of("alice"), s.at(at("2026-01-06T17:59", BERLIN)));
        assertEquals(List.of("dave"), s.at(at("2026-01-06T18:00", BERLIN)));
        assertEquals(List.of("alice"), s.at(at("2026-01-07T08:00", BERLIN)));
    }

    @Test
    void aReplaceOfSomeoneElseChangesNothing() {
        OnCall s = with(new OverrideRule(OverrideRule.Kind.REPLACE, "dave", "bob",
                at("2026-01-06T00:00", BERLIN), at("2026-01-07T00:00", BERLIN)));
        assertEquals(List.of("alice"), s.at(at("2026-01-06T12:00", BERLIN)));
    }

    @Test
    void addAndRemoveOverrides() {
        OnCall added = with(new OverrideRule(OverrideRule.Kind.ADD, "dave", null,
                at("2026-01-06T00:00", BERLIN), at("2026-01-07T00:00", BERLIN)));
        assertEquals(List.of("alice", "dave"), added.at(at("2026-01-06T12:00", BERLIN)));
        OnCall removed = with(new OverrideRule(OverrideRule.Kind.REMOVE, "alice", null,
                at("2026-01-06T00:00", BERLIN), at("2026-01-07T00:00", BERLIN)));
        assertEquals(List.of(), removed.at(at("2026-01-06T12:00", BERLIN)));
    }

    @Test
    void overridesApplyReplaceThenRemoveThenAdd() {
        Instant from = at("2026-01-06T00:00", BERLIN);
        Instant to = at("2026-01-07T00:00", BERLIN);
        OnCall s = with(new OverrideRule(OverrideRule.Kind.ADD, "erin", null, from, to),
                new OverrideRule(OverrideRule.Kind.REMOVE, "dave", null, from, to),
                new OverrideRule(OverrideRule.Kind.REPLACE, "dave", "alice", from, to));
        assertEquals(List.of("erin"), s.at(at("2026-01-06T12:00", BERLIN)));
    }

    @Test
    void shiftsIncludeOverridesAsTheirOwnShifts() {
        OnCall s = with(new OverrideRule(OverrideRule.Kind.REPLACE, "dave", null,
                at("2026-01-06T18:00", BERLIN), at("2026-01-07T08:00", BERLIN)));
        List<Shift> shifts = s.shifts(at("2026-01-05T09:00", BERLIN), at("2026-01-19T09:00", BERLIN));
        assertEquals(List.of("alice", "dave", "alice", "bob"), shifts.stream().map(x -> x.responders().get(0)).toList());
        assertEquals(at("2026-01-06T18:00", BERLIN), shifts.get(1).start());
        assertEquals(at("2026-01-12T09:00", BERLIN), shifts.get(3).start());
    }

    // --- preview -----------------------------------------------------------------------------------------------

    @Test
    void aPreviewListsTheNextShiftsWithTheirHandoffs() {
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2026-01-05T09:00"), ABC), BERLIN);
        List<Shift> next = s.preview(at("2026-03-27T12:00", BERLIN), 5, 400);
        assertEquals(5, next.size());
        assertEquals(at("2026-03-27T12:00", BERLIN), next.get(0).start());
        assertEquals(at("2026-03-28T09:00", BERLIN), next.get(1).start());
        assertEquals(at("2026-03-29T09:00", BERLIN), next.get(2).start());
        assertEquals(Duration.ofHours(23), Duration.between(next.get(1).start(), next.get(1).end()));
        assertEquals(next.get(1).end(), next.get(2).start());
    }

    @Test
    void aPreviewOfAnEmptyFutureIsOneLongEmptyShift() {
        OnCall s = single(new Rotation(Rotation.Type.DAILY, 1, LocalDateTime.parse("2030-01-01T09:00"), ABC), BERLIN);
        List<Shift> next = s.preview(at("2026-01-01T00:00", BERLIN), 3, 30);
        assertEquals(1, next.size());
        assertEquals(List.of(), next.get(0).responders());
    }

    @Test
    void aWeekendLayerStartsExactlyOnSaturdayMidnightInPreview() {
        Layer base = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T09:00"),
                List.of("base")), List.of());
        Layer weekend = new Layer(new Rotation(Rotation.Type.WEEKLY, 1, LocalDateTime.parse("2026-01-05T00:00"),
                List.of("weekend")), List.of(new Restriction(EnumSet.of(DayOfWeek.SATURDAY),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        List<Shift> shifts = new OnCall(BERLIN, List.of(base, weekend), List.of())
                .shifts(at("2026-01-05T09:00", BERLIN), at("2026-01-12T09:00", BERLIN));
        assertEquals(3, shifts.size());
        assertEquals(at("2026-01-10T00:00", BERLIN), shifts.get(1).start());
        assertEquals(at("2026-01-11T00:00", BERLIN), shifts.get(2).start());
        assertNull(null);
    }

    private static Duration length(List<Shift> shifts, LocalDate day) {
        return shifts.stream().filter(s -> s.start().atZone(BERLIN).toLocalDate().equals(day)
                        || s.start().atZone(NEW_YORK).toLocalDate().equals(day) && s.start().atZone(NEW_YORK).getHour() == 9)
                .map(s -> Duration.between(s.start(), s.end())).findFirst().orElseThrow();
    }
}

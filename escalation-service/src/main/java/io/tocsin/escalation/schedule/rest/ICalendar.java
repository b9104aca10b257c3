package io.tocsin.escalation.schedule.rest;

import io.tocsin.escalation.schedule.service.ScheduleService.MyShift;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A responder's shifts as an iCalendar feed (RFC 5545), times in UTC so no VTIMEZONE is needed. */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    public static String of(String responderId, List<MyShift> shifts, Instant stamp) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Tocsin//escalation-service//EN");
        line(ics, "X-WR-CALNAME:On call: " + escape(responderId));
        for (MyShift s : shifts) {
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + s.scheduleId() + "-" + s.start().getEpochSecond() + "-" + escape(responderId) + "@tocsin");
            line(ics, "DTSTAMP:" + UTC.format(stamp));
            line(ics, "DTSTART:" + UTC.format(s.start()));
            line(ics, "DTEND:" + UTC.format(s.end()));
            line(ics, "SUMMARY:On call: " + escape(s.scheduleName()));
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    private static void line(StringBuilder ics, String line) {
        ics.append(line).append("\r\n");
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }
}

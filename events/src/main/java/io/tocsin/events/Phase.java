package io.tocsin.events;

/** Response phases tracked on every incident, in their usual order. */
public enum Phase { DETECTION, ANALYSIS, CONTAINMENT, ERADICATION, RECOVERY, LESSONS_LEARNED }

package io.tocsin.notification.stakeholder.service;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** A burst digest: the incidents that opened for one stakeholder within one window, each as its mail would say. */
@TemplateData
public record DigestView(String subject, int count, List<UpdateView> incidents, String unsubscribeUrl) {
}

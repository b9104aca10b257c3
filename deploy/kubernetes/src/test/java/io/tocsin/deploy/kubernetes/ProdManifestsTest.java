package io.tocsin.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.tocsin.events.Topics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.tocsin.deploy.kubernetes.ManifestsTest.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What production adds: redundancy everywhere, autoscaling intake and delivery, durable Kafka, backups. */
class ProdManifestsTest {

    private final Overlay prod = Overlay.of("prod");

    @Test
    void everyServiceRunsTwoOrMoreReplicasProtectedByADisruptionBudget() {
        for (String service : SERVICES) {
            Deployment deployment = prod.one(Deployment.class, service);
            assertTrue(deployment.getSpec().getReplicas() >= 2, service + " replicas");
            assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                    service + " keeps every replica during a rollout");
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> budgets = prod.all(PodDisruptionBudget.class).stream()
                    .filter(b -> Overlay.selects(b.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, budgets.size(), service + " has one PodDisruptionBudget");
            var budget = budgets.get(0).getSpec();
            assertTrue(budget.getMaxUnavailable() != null && budget.getMaxUnavailable().getIntVal() == 1
                    || budget.getMinAvailable() != null && budget.getMinAvailable().getIntVal() >= 1, service + " budget keeps one up");
        }
    }

    @Test
    void intakeAndDeliveryScaleHorizontally() {
        Set<String> scaled = new TreeSet<>();
        for (HorizontalPodAutoscaler hpa : prod.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertEquals("Deployment", target.getKind());
            Deployment deployment = prod.one(Deployment.class, target.getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, target.getName() + " autoscaler minimum");
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), target.getName() + " autoscaler range");
            assertTrue(hpa.getSpec().getMinReplicas() <= deployment.getSpec().getReplicas() || deployment.getSpec().getReplicas() >= 2);
            // Utilisation targets need CPU requests, which every container has (ManifestsTest).
            assertFalse(hpa.getSpec().getMetrics().isEmpty(), target.getName() + " autoscaler metrics");
            scaled.add(target.getName());
        }
        assertEquals(Set.of("incident-service", "notification-service"), scaled);
    }

    @Test
    void kafkaKeepsThreeCopiesAndNeverElectsAnUncleanLeader() {
        List<GenericKubernetesResource> kafkas = prod.custom("Kafka");
        assertEquals(1, kafkas.size());
        GenericKubernetesResource kafka = kafkas.get(0);
        assertEquals("tocsin", kafka.getMetadata().getName(), "the bootstrap service tocsin-kafka-bootstrap follows from the name");
        Map<String, Object> config = Overlay.at(kafka, "spec.kafka.config");
        assertEquals(3, config.get("default.replication.factor"));
        assertEquals(2, config.get("min.insync.replicas"));
        assertEquals(3, config.get("offsets.topic.replication.factor"));
        assertEquals(false, config.get("unclean.leader.election.enable"));
        assertEquals(false, config.get("auto.create.topics.enable"), "every topic is declared");
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));

        int brokers = 0;
        int controllers = 0;
        for (GenericKubernetesResource pool : prod.custom("KafkaNodePool")) {
            assertEquals("tocsin", pool.getMetadata().getLabels().get("strimzi.io/cluster"));
            List<String> roles = Overlay.at(pool, "spec.roles");
            int replicas = Overlay.<Integer>at(pool, "spec.replicas");
            brokers += roles.contains("broker") ? replicas : 0;
            controllers += roles.contains("controller") ? replicas : 0;
        }
        assertEquals(3, brokers, "brokers");
        assertEquals(3, controllers, "KRaft controllers (a quorum that survives one loss)");
    }

    @Test
    void everyTopicTheServicesUseIsDeclaredWithItsPartitionsAndRetention() throws IllegalAccessException {
        Map<String, GenericKubernetesResource> topics = prod.custom("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> Overlay.<String>at(t, "spec.topicName"), t -> t));
        Set<String> needed = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                needed.add((String) field.get(null));
            }
        }
        assertEquals(6, needed.size(), "the event catalogue's topics");
        // Dead-letter and incoming topics configured by the services themselves.
        // An incoming channel reads the topic of its name unless it sets .topic (CONVENTIONS: channel = topic).
        Pattern incoming = Pattern.compile("mp\\.messaging\\.incoming\\.\"?([^\"]+)\"?\\.connector");
        for (String service : SERVICES) {
            var properties = Overlay.applicationProperties(service);
            properties.forEach((key, value) -> {
                String k = key.toString();
                if (k.endsWith(".dead-letter-queue.topic") || (k.startsWith("mp.messaging.") && k.endsWith(".topic")
                        && !k.startsWith("mp.messaging.outgoing.outbox."))) {
                    needed.add(value.toString().trim());
                }
                Matcher channel = incoming.matcher(k);
                if (channel.matches() && properties.keySet().stream().noneMatch(
                        other -> other.toString().startsWith(k.substring(0, k.length() - "connector".length())) && other.toString().endsWith(".topic"))) {
                    needed.add(channel.group(1));
                }
            });
        }
        for (String topic : needed) {
            GenericKubernetesResource resource = topics.get(topic);
            assertNotNull(resource, "no KafkaTopic for " + topic + " (auto-creation is off: add it to deploy/kubernetes/base/kafka/topics.yaml)");
            assertEquals("tocsin", resource.getMetadata().getLabels().get("strimzi.io/cluster"), topic + " cluster label");
            assertEquals(3, Overlay.<Integer>at(resource, "spec.replicas"), topic + " replicas");
            assertTrue(Overlay.<Integer>at(resource, "spec.partitions") >= 1, topic + " partitions");
            Map<String, Object> config = Overlay.at(resource, "spec.config");
            assertNotNull(config.get("retention.ms"), topic + " retention");
            assertEquals(2, config.get("min.insync.replicas"), topic + " min.insync.replicas");
        }
        // Topics of the event catalogue carry incident-keyed traffic: enough partitions for replicas to share it.
        for (String topic : List.of(Topics.INCIDENT_EVENTS, Topics.NOTIFICATION_REQUESTS)) {
            assertTrue(Overlay.<Integer>at(topics.get(topic), "spec.partitions") >= 6, topic + " partitions");
        }
    }

    @Test
    void everyDatabaseIsAThreeInstanceClusterWithContinuousArchivingAndScheduledBackups() {
        List<GenericKubernetesResource> clusters = prod.custom("Cluster");
        assertEquals(4, clusters.size(), "one CloudNativePG cluster per service database");
        Set<String> backedUp = prod.custom("ScheduledBackup").stream()
                .map(b -> Overlay.<String>at(b, "spec.cluster.name")).collect(Collectors.toSet());
        Set<String> stores = prod.custom("ObjectStore").stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        for (GenericKubernetesResource cluster : clusters) {
            String name = cluster.getMetadata().getName();
            assertEquals(3, Overlay.<Integer>at(cluster, "spec.instances"), name + " instances");
            assertNotNull(Overlay.at(cluster, "spec.postgresql.synchronous"), name + " has a synchronous standby");
            assertTrue(backedUp.contains(name), name + " has a ScheduledBackup");
            List<Map<String, Object>> plugins = Overlay.at(cluster, "spec.plugins");
            assertNotNull(plugins, name + " archives WAL");
            Map<String, Object> archiver = plugins.stream().filter(p -> Boolean.TRUE.equals(p.get("isWALArchiver")))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " has no WAL archiver"));
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) archiver.get("parameters");
            assertTrue(stores.contains(parameters.get("barmanObjectName")), name + " archives to a declared ObjectStore");
        }
        for (GenericKubernetesResource backup : prod.custom("ScheduledBackup")) {
            String schedule = Overlay.at(backup, "spec.schedule");
            assertEquals(6, schedule.trim().split("\\s+").length, "CloudNativePG schedules have six fields (seconds first): " + schedule);
        }
    }
}

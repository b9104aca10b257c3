package io.tocsin.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.tocsin.deploy.kubernetes.Overlay.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants every overlay keeps: what a cluster operator and a security review rely on. */
class ManifestsTest {

    static final List<String> SERVICES =
            List.of("incident-service", "escalation-service", "notification-service", "status-service");

    /** Names that must never carry a literal value: they come from Secrets. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|private|api[_-]?key|signing|_key$|\\.key$).*");

    /** The kinds the overlays may contain; anything else is a typo in a kind or an apiVersion. */
    static final Set<String> CUSTOM_KINDS =
            Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "ScheduledBackup", "ObjectStore");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsAKnownKindInTheTocsinNamespace(String name) {
        Overlay overlay = Overlay.of(name);
        for (HasMetadata object : overlay.objects) {
            String id = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource) {
                assertTrue(CUSTOM_KINDS.contains(object.getKind()),
                        name + ": " + id + " (" + object.getApiVersion() + ") is not a Kubernetes kind nor a known custom resource");
            }
            if (!(object instanceof Namespace)) {
                assertEquals("tocsin", object.getMetadata().getNamespace(), name + ": " + id + " namespace");
            }
        }
        Namespace namespace = overlay.one(Namespace.class, "tocsin");
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"),
                "the namespace enforces the restricted Pod Security Standard");
        assertEquals(Set.copyOf(SERVICES), overlay.all(Deployment.class).stream()
                .map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsMeetTheRestrictedPodSecurityStandard(String name) {
        for (Deployment deployment : Overlay.of(name).all(Deployment.class)) {
            String id = name + ": " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), id + " runAsNonRoot");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), id + " seccomp");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), id + " mounts no API token");
            assertNotTrue(pod.getHostNetwork(), id + " hostNetwork");
            assertNotTrue(pod.getHostPID(), id + " hostPID");
            assertTrue(pod.getVolumes().stream().allMatch(v -> v.getHostPath() == null), id + " no hostPath");
            for (Container container : containers(pod)) {
                var context = container.getSecurityContext();
                assertNotNull(context, id + " container securityContext");
                assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), id + " allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), id + " readOnlyRootFilesystem");
                assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), id + " drops all capabilities");
                assertTrue(context.getCapabilities().getAdd() == null || context.getCapabilities().getAdd().isEmpty(),
                        id + " adds no capability");
                assertNotTrue(context.getPrivileged(), id + " privileged");
                // The root filesystem is read-only: /tmp is an emptyDir.
                String tmpVolume = container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                        .map(m -> m.getName()).findFirst().orElseThrow(() -> new AssertionError(id + " mounts no /tmp"));
                assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null),
                        id + " /tmp is an emptyDir");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesResourcesAndPortsMatchTheServices(String name) {
        Overlay overlay = Overlay.of(name);
        for (String serviceName : SERVICES) {
            String id = name + ": " + serviceName;
            Deployment deployment = overlay.one(Deployment.class, serviceName);
            Container container = containers(deployment.getSpec().getTemplate().getSpec()).get(0);
            assertHttpProbe(container.getLivenessProbe(), "/q/health/live", id + " liveness");
            assertHttpProbe(container.getReadinessProbe(), "/q/health/ready", id + " readiness");

            var resources = container.getResources();
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(resources.getRequests().get(resource), id + " requests " + resource);
                assertNotNull(resources.getLimits().get(resource), id + " limits " + resource);
            }

            // The port is the one the service itself listens on (its application.properties).
            int port = Integer.parseInt(Overlay.applicationProperties(serviceName).getProperty("quarkus.http.port"));
            assertEquals(port, container.getPorts().get(0).getContainerPort(), id + " containerPort");
            assertEquals("http", container.getPorts().get(0).getName(), id + " port name");
            Service service = overlay.one(Service.class, serviceName);
            assertEquals(port, service.getSpec().getPorts().get(0).getPort(), id + " Service port");
            assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal(), id + " Service targetPort");
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                    id + " the Service selects the pods");
            assertEquals(serviceName, podLabels.get("app.kubernetes.io/name"), id + " pod name label");
            // Selectors of different services never overlap.
            for (Deployment other : overlay.all(Deployment.class)) {
                if (other != deployment) {
                    assertFalse(selects(deployment.getSpec().getSelector(), other.getSpec().getTemplate().getMetadata().getLabels()),
                            id + " selector also selects " + other.getMetadata().getName());
                }
            }

            // Its own database: host, name and the credentials of its CloudNativePG cluster.
            String shortName = serviceName.replace("-service", "");
            assertEquals(shortName + "-db-rw", env(container, "TOCSIN_DB_HOST").getValue(), id + " database host");
            assertEquals(shortName + "-db-app", env(container, "TOCSIN_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName(),
                    id + " database password from the CloudNativePG secret");
            GenericKubernetesResource cluster = overlay.custom("Cluster").stream()
                    .filter(c -> c.getMetadata().getName().equals(shortName + "-db")).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " has no CloudNativePG cluster " + shortName + "-db"));
            assertEquals(Overlay.applicationProperties(serviceName).getProperty("tocsin.database"),
                    Overlay.at(cluster, "spec.bootstrap.initdb.database"), id + " database name");

            // Configuration comes from the shared ConfigMap, which exists.
            Set<String> configMaps = container.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                    .map(e -> e.getConfigMapRef().getName()).collect(Collectors.toSet());
            assertTrue(configMaps.stream().anyMatch(n -> n.startsWith("tocsin-config")), id + " uses tocsin-config");
            for (String configMap : configMaps) {
                assertTrue(overlay.find(ConfigMap.class, configMap).isPresent(), id + " refers to a missing ConfigMap " + configMap);
            }
        }
        ConfigMap shared = overlay.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("tocsin-config")).findFirst().orElseThrow();
        assertEquals("tocsin-kafka-bootstrap:9092", shared.getData().get("TOCSIN_KAFKA_BOOTSTRAP"),
                name + ": services reach the Strimzi bootstrap service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSecretIsWrittenInTheManifests(String name) {
        Overlay overlay = Overlay.of(name);
        assertEquals(List.of(), overlay.all(Secret.class).stream().map(s -> s.getMetadata().getName()).toList(),
                name + ": Secrets are created by the operator or by CloudNativePG, never shipped");
        for (ConfigMap configMap : overlay.all(ConfigMap.class)) {
            for (String key : configMap.getData().keySet()) {
                assertFalse(SECRET_NAME.matcher(key).matches(),
                        name + ": ConfigMap " + configMap.getMetadata().getName() + " holds " + key + ", which belongs in a Secret");
            }
        }
        for (Deployment deployment : overlay.all(Deployment.class)) {
            for (Container container : containers(deployment.getSpec().getTemplate().getSpec())) {
                for (EnvVar env : container.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        assertNull(env.getValue(), name + ": " + deployment.getMetadata().getName() + " sets " + env.getName() + " inline");
                        assertNotNull(env.getValueFrom().getSecretKeyRef(),
                                name + ": " + deployment.getMetadata().getName() + " " + env.getName() + " must come from a Secret");
                    }
                }
            }
        }
        // Secrets of custom resources are references too (e.g. the backup store's credentials: name and key).
        for (GenericKubernetesResource resource : overlay.all(GenericKubernetesResource.class)) {
            assertNoLiteralSecret(resource.getAdditionalProperties(), name + ": " + resource.getKind() + "/" + resource.getMetadata().getName());
        }
        // The notification-service's SMTP credentials, service token and link key come from its Secret.
        Container notification = containers(overlay.one(Deployment.class, "notification-service").getSpec().getTemplate().getSpec()).get(0);
        assertTrue(notification.getEnvFrom().stream().anyMatch(e -> e.getSecretRef() != null
                && "tocsin-notification".equals(e.getSecretRef().getName())
                && !Boolean.TRUE.equals(e.getSecretRef().getOptional())), name + ": notification-service reads the Secret tocsin-notification");
        // incident-service's keys (the room-link key among them) come from tocsin-keys, checked below; it keeps the
        // shared config.
        Container incident = containers(overlay.one(Deployment.class, "incident-service").getSpec().getTemplate().getSpec()).get(0);
        assertTrue(incident.getEnvFrom().stream().anyMatch(e -> e.getConfigMapRef() != null
                && e.getConfigMapRef().getName().startsWith("tocsin-config")), name + ": incident-service keeps the shared config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKeyAServiceReadsComesFromTheOneKeysSecret(String name) {
        Overlay overlay = Overlay.of(name);
        assertEquals(Set.of("TOCSIN_SECRET_KEY", "TOCSIN_PREVIOUS_SECRET_KEYS", "TOCSIN_LINK_SECRET", "TOCSIN_ROOM_LINK_SECRET"),
                Overlay.keys("incident-service").keySet(),
                "incident-service's keys, as its application.properties reads them");
        assertEquals(Set.of("TOCSIN_LINK_SECRET", "TOCSIN_WEBHOOK_SECRET"), Overlay.keys("notification-service").keySet(),
                "notification-service's keys, as its application.properties reads them");
        for (String serviceName : SERVICES) {
            Container container = containers(overlay.one(Deployment.class, serviceName).getSpec().getTemplate().getSpec()).get(0);
            for (var key : Overlay.keys(serviceName).entrySet()) {
                String id = name + ": " + serviceName + " " + key.getKey();
                EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(key.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(id + " is not set: without it the service does not start "
                                + "in production (or, for a previous key, cannot read what it wrote)"));
                var reference = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
                assertNotNull(reference, id + " must come from the Secret " + Overlay.KEYS_SECRET);
                assertEquals(Overlay.KEYS_SECRET, reference.getName(), id + ": one Secret holds every key");
                assertEquals(key.getKey(), reference.getKey(), id + ": the Secret's key has the variable's name");
                assertEquals(!key.getValue(), Boolean.TRUE.equals(reference.getOptional()),
                        id + (key.getValue() ? " is required: a missing key must stop the pod, not start it without"
                                : " is optional"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesDenyByDefaultAndCoverEveryPod(String name) {
        Overlay overlay = Overlay.of(name);
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);
        NetworkPolicy deny = overlay.one(NetworkPolicy.class, "default-deny");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertTrue(deny.getSpec().getPodSelector().getMatchExpressions() == null || deny.getSpec().getPodSelector().getMatchExpressions().isEmpty());
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(deny.getSpec().getPolicyTypes()), "default deny both ways");
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty(), "default deny allows nothing");

        // Every pod the overlay creates: the services' pods, Kafka's (Strimzi labels) and each database's (CloudNativePG labels).
        Map<String, Map<String, String>> pods = new java.util.LinkedHashMap<>();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            pods.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (GenericKubernetesResource pool : overlay.custom("KafkaNodePool")) {
            Map<String, String> labels = new java.util.HashMap<>(Map.of("strimzi.io/cluster", pool.getMetadata().getLabels().get("strimzi.io/cluster")));
            List<String> roles = Overlay.at(pool, "spec.roles");
            roles.forEach(role -> labels.put("strimzi.io/" + role + "-role", "true"));
            pods.put("kafka-" + pool.getMetadata().getName(), labels);
        }
        for (GenericKubernetesResource cluster : overlay.custom("Cluster")) {
            pods.put(cluster.getMetadata().getName(), Map.of("cnpg.io/cluster", cluster.getMetadata().getName(), "cnpg.io/podRole", "instance"));
        }
        assertEquals(4 + 2 + 4, pods.size(), name + ": pods found");
        for (var pod : pods.entrySet()) {
            List<NetworkPolicy> covering = policies.stream().filter(p -> p != deny)
                    .filter(p -> selects(p.getSpec().getPodSelector(), pod.getValue())).toList();
            assertTrue(covering.stream().anyMatch(p -> !p.getSpec().getIngress().isEmpty()),
                    name + ": no NetworkPolicy lets anything reach " + pod.getKey());
            assertTrue(covering.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Egress")
                            && !p.getSpec().getEgress().isEmpty() && !"allow-dns".equals(p.getMetadata().getName())),
                    name + ": no NetworkPolicy lets " + pod.getKey() + " reach anything but DNS");
        }

        // Each service reaches Kafka and its own database, and no other service's database.
        Map<String, String> kafkaBroker = pods.get("kafka-broker");
        for (String serviceName : SERVICES) {
            Map<String, String> labels = pods.get(serviceName);
            String own = serviceName.replace("-service", "") + "-db";
            Set<String> databases = new TreeSet<>();
            for (var db : pods.entrySet()) {
                if (db.getKey().endsWith("-db") && egressAllowed(policies, labels, db.getValue(), 5432)) {
                    databases.add(db.getKey());
                }
            }
            assertEquals(Set.of(own), databases, name + ": databases " + serviceName + " may reach");
            assertTrue(ingressAllowed(policies, labels, pods.get(own), 5432), name + ": " + own + " accepts " + serviceName);
            assertTrue(egressAllowed(policies, labels, kafkaBroker, 9092), name + ": " + serviceName + " reaches Kafka");
            assertTrue(ingressAllowed(policies, labels, kafkaBroker, 9092), name + ": Kafka accepts " + serviceName);
        }
        // Only notification-service calls incident-service (one-tap actions), and only it reaches SMTP.
        int incidentPort = port(overlay, "incident-service");
        for (String serviceName : SERVICES) {
            boolean expected = serviceName.equals("notification-service");
            assertEquals(expected, egressAllowed(policies, pods.get(serviceName), pods.get("incident-service"), incidentPort)
                    && ingressAllowed(policies, pods.get(serviceName), pods.get("incident-service"), incidentPort),
                    name + ": " + serviceName + " may call incident-service");
            assertEquals(expected, egressToInternet(policies, pods.get(serviceName), 587),
                    name + ": " + serviceName + " may reach an SMTP relay");
        }
        assertFalse(ingressAllowed(policies, pods.get("status-service"), pods.get("escalation-service"), port(overlay, "escalation-service")),
                name + ": status-service must not call escalation-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void metricsAndOpenApiAreOnTheManagementPortOnly(String name) {
        Overlay overlay = Overlay.of(name);
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);
        for (String serviceName : SERVICES) {
            String id = name + ": " + serviceName;
            Deployment deployment = overlay.one(Deployment.class, serviceName);
            Container container = containers(deployment.getSpec().getTemplate().getSpec()).get(0);
            assertTrue(container.getPorts().stream().anyMatch(p -> "management".equals(p.getName())
                    && p.getContainerPort() == 9000), id + " has the management port 9000");
            assertEquals("9000", env(container, "QUARKUS_MANAGEMENT_PORT").getValue(), id + " management port setting");
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertEquals("9000", annotations.get("prometheus.io/port"), id + " Prometheus scrapes the management port");
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), id + " metrics path");
            // No Service port leads to it, so neither the Ingress nor other pods reach metrics or OpenAPI.
            Service service = overlay.one(Service.class, serviceName);
            assertTrue(service.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == 9000
                            || "management".equals(p.getTargetPort().getStrVal())),
                    id + " Service does not expose the management port");
            // Only the monitoring namespace may reach it, and the monitoring namespace reaches nothing else.
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            Set<Integer> monitoringPorts = new TreeSet<>();
            for (NetworkPolicy policy : policies) {
                if (!selects(policy.getSpec().getPodSelector(), labels) || policy.getSpec().getIngress() == null) {
                    continue;
                }
                for (var rule : policy.getSpec().getIngress()) {
                    boolean fromMonitoring = rule.getFrom() != null && rule.getFrom().stream().anyMatch(peer ->
                            peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                                    && "true".equals(peer.getNamespaceSelector().getMatchLabels().get("tocsin.io/monitoring")));
                    if (fromMonitoring) {
                        rule.getPorts().forEach(p -> monitoringPorts.add(p.getPort().getIntVal()));
                    }
                }
            }
            assertEquals(Set.of(9000), monitoringPorts, id + " ports Prometheus may reach");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ingressExposesOnlyIntakeTheLinksInMailsAndTheStatusPageOverTls(String name) {
        Overlay overlay = Overlay.of(name);
        List<Ingress> ingresses = overlay.all(Ingress.class);
        assertEquals(1, ingresses.size(), name + ": one public Ingress");
        Ingress ingress = ingresses.get(0);
        Set<String> tlsHosts = ingress.getSpec().getTls().stream().map(IngressTLS::getHosts).flatMap(List::stream).collect(Collectors.toSet());
        assertTrue(ingress.getSpec().getTls().stream().allMatch(t -> t.getSecretName() != null), name + ": TLS secrets named");
        Set<String> routes = new HashSet<>();
        for (var rule : ingress.getSpec().getRules()) {
            assertTrue(tlsHosts.contains(rule.getHost()), name + ": host " + rule.getHost() + " is served over TLS");
            for (var path : rule.getHttp().getPaths()) {
                String backend = path.getBackend().getService().getName();
                routes.add(path.getPathType() + " " + path.getPath() + " -> " + backend);
                Service service = overlay.one(Service.class, backend);
                String portName = path.getBackend().getService().getPort().getName();
                assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> Objects.equals(p.getName(), portName)),
                        name + ": " + backend + " has a port " + portName);
            }
        }
        assertEquals(Set.of(
                "Exact /v2/enqueue -> incident-service",
                "Prefix /api/v1/integrations -> incident-service",
                "Prefix /a -> notification-service",
                "Prefix /u -> notification-service",
                "Prefix /room -> incident-service",
                "Exact / -> status-service",
                "Exact /api/v1/status -> status-service",
                "Exact /history.atom -> status-service",
                "Prefix /incidents -> status-service",
                "Prefix /postmortems -> status-service"), routes, name + ": public routes");

        // Links in mails and pages start at the public host, where the routes above answer them.
        ConfigMap shared = overlay.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("tocsin-config")).findFirst().orElseThrow();
        for (String key : List.of("TOCSIN_PUBLIC_URL", "TOCSIN_STATUS_BASE_URL")) {
            String url = shared.getData().get(key);
            assertNotNull(url, name + ": " + key + " is set");
            assertTrue(tlsHosts.stream().anyMatch(host -> url.equals("https://" + host)),
                    name + ": " + key + " = " + url + " is the Ingress host over https " + tlsHosts);
        }
    }

    private static void assertHttpProbe(Probe probe, String path, String what) {
        assertNotNull(probe, what + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, what + " is an HTTP probe");
        assertEquals(path, get.getPath(), what + " path");
        assertEquals("http", get.getPort().getStrVal(), what + " port");
    }

    private static void assertNotTrue(Boolean value, String what) {
        assertFalse(Boolean.TRUE.equals(value), what);
    }

    static List<Container> containers(PodSpec pod) {
        var all = new java.util.ArrayList<>(pod.getContainers());
        all.addAll(pod.getInitContainers());
        return all;
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static int port(Overlay overlay, String deployment) {
        return containers(overlay.one(Deployment.class, deployment).getSpec().getTemplate().getSpec()).get(0).getPorts().get(0).getContainerPort();
    }

    /** Do the policies selecting {@code from} allow it to open a connection to {@code to} on this port? */
    static boolean egressAllowed(List<NetworkPolicy> policies, Map<String, String> from, Map<String, String> to, int port) {
        return policies.stream().filter(p -> p.getSpec().getPolicyTypes().contains("Egress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), from))
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portAllowed(rule.getPorts(), port) && peerMatches(rule.getTo(), to));
    }

    /** Do the policies selecting {@code to} accept a connection from {@code from} on this port? */
    static boolean ingressAllowed(List<NetworkPolicy> policies, Map<String, String> from, Map<String, String> to, int port) {
        return policies.stream().filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), to))
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portAllowed(rule.getPorts(), port) && peerMatches(rule.getFrom(), from));
    }

    private static boolean egressToInternet(List<NetworkPolicy> policies, Map<String, String> from, int port) {
        return policies.stream().filter(p -> p.getSpec().getPolicyTypes().contains("Egress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), from))
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portAllowed(rule.getPorts(), port)
                        && (rule.getTo().isEmpty() || rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null)));
    }

    private static boolean portAllowed(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() == null
                || (p.getPort().getIntVal() != null && p.getPort().getIntVal() == port));
    }

    /** A peer in the same namespace: a pod selector without a namespace selector (or an empty rule: everyone). */
    private static boolean peerMatches(List<NetworkPolicyPeer> peers, Map<String, String> pod) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null && selects(peer.getPodSelector(), pod));
    }

    private static void assertNoLiteralSecret(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                assertFalse(SECRET_NAME.matcher(key).matches() && entry.getValue() instanceof String,
                        where + " holds a literal " + key + ", which belongs in a Secret");
                assertNoLiteralSecret(entry.getValue(), where + "." + key);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> assertNoLiteralSecret(item, where));
        }
    }
}

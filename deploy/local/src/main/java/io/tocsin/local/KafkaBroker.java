package io.tocsin.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one process) started from the Maven Central jars
 * in a process of its own. It can be stopped and started again on the same ports and data, which is how tests
 * simulate a Kafka outage.
 */
public final class KafkaBroker implements Closeable {

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBroker(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    /** Formats the storage on first use, starts the broker and waits until it answers. */
    public synchronized void start() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties, serverProperties());
        if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
            Process format = java("kafka.tools.StorageTool", "format", "--standalone", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IOException("Formatting Kafka storage failed; see " + logFile());
            }
        }
        // One broker for a handful of services on two cores: a small heap, and the C library's free memory handed back
        // to the system once a minute (after a burst it held about 35 MB; bench/README.md).
        process = java("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-XX:ReservedCodeCacheSize=64m", "-XX:TrimNativeHeapInterval=60000", "kafka.Kafka", properties.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        awaitReady(Duration.ofSeconds(90));
    }

    /** Stops the broker process (and waits for it), keeping its data. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(topics).values().forEach((name, result) -> {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot create topic " + name, e);
                }
            });
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited with " + process.exitValue() + "; see " + logFile());
            }
            if (Ports.accepting(port)) {
                try (Admin admin = admin()) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not ready yet
                }
            }
            Thread.sleep(200);
        }
        throw new IOException("Kafka did not become ready within " + timeout + "; see " + logFile());
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private ProcessBuilder java(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(brokerClasspath());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
    }

    /** The broker's jars, as resolved when deploy/local was built (see its pom). */
    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("broker-classpath.txt missing: build deploy/local with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String serverProperties() {
        String data = directory.resolve("data").toString();
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Threads sized for one machine's few clients (the defaults serve a cluster's hundreds).
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                // The log cleaner (compacted topics: consumer offsets) allocates this buffer at start; its 128 MiB
                // default does not fit the small heap above (the broker died with OutOfMemoryError on a busy machine).
                "log.cleaner.dedupe.buffer.size=16777216",
                "") ;
    }
}

package dev.webcache.cache.hazelcast;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MemberMain} in a JVM of its own, started with the test class path, that a test freezes with SIGSTOP and
 * thaws with SIGCONT (Linux): a member that stops answering without closing its connections, as in a long GC
 * pause, a stopped VM or a partition that drops packets. {@link #close} kills it, frozen or not.
 */
final class MemberProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private MemberProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts a member of {@code cluster} on {@code port} and waits until it runs (or fails). */
    static MemberProcess start(String cluster, int port, int heartbeatTimeoutSeconds, int... joinPorts)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dhazelcast.phone.home.enabled=false", "-cp", System.getProperty("java.class.path"),
                MemberMain.class.getName(), cluster, Integer.toString(port),
                Integer.toString(heartbeatTimeoutSeconds)));
        for (int joinPort : joinPorts) {
            command.add(Integer.toString(joinPort));
        }
        Path output = Files.createTempFile("webcache-member-" + port + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        MemberProcess member = new MemberProcess(process, output);
        try {
            member.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException | Error e) {
            member.close();
            throw e;
        }
        return member;
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(MemberMain.READY)) {
            if (!process.isAlive()) {
                fail("the member process ended with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                fail("the member process did not start within " + timeout.toSeconds() + " s:\n" + log());
            }
            sleep(100);
        }
    }

    /** Stops the member's JVM without closing its sockets: SIGSTOP. */
    void freeze() {
        signal("-STOP");
    }

    /** Lets the member's JVM go on: SIGCONT. */
    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the member printed so far. */
    String log() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Kills the member's JVM (SIGKILL ends a stopped process too) and removes its output. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

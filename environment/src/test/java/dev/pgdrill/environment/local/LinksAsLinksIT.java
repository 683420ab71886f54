package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Links planted in a data directory (by the {@code postgres} user, or by a superuser through
 * {@code COPY ... TO PROGRAM}) stay links in every copy the runner makes, are never followed by
 * an ownership change, and never make a file readable by {@code postgres} that was not before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinksAsLinksIT {
    private static final Path SHADOW = Path.of("/etc/shadow");
    private static Environment env;
    private static Path data;
    private static Path backups;

    @BeforeAll
    static void setUp() throws Exception {
        Sql.assumePostgresInstalled();
        env = Environments.factory("local", EnvironmentOptions.defaults()).create("links-it");
        env.setUp(Duration.ofSeconds(90));
        Path work = Path.of(env.location());
        data = work.resolve("primary");
        backups = work.resolve("backups");
        Files.createSymbolicLink(data.resolve("x"), SHADOW);
        Files.createSymbolicLink(data.resolve("etc-dir"), Path.of("/etc"));
        Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("pipe").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        Files.createSymbolicLink(data.resolve("pipe-link"), data.resolve("pipe"));
    }

    @AfterAll
    static void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void naiveCopyKeepsLinksAsLinksAndPipesAsPipes() throws Exception {
        String before = describe(SHADOW);
        within(Duration.ofSeconds(60), "naive copy", () -> env.naiveCopy("primary", "plain"));
        assertCopied(backups.resolve("plain"));
        assertThat(describe(SHADOW)).as("/etc/shadow untouched").isEqualTo(before);
    }

    @Test
    @Order(2)
    void naiveCopyInTwoPartsKeepsLinksAsLinks() throws Exception {
        String before = describe(SHADOW);
        within(Duration.ofSeconds(60), "naive copy in two parts", () -> env.naiveCopy("primary", "parts", () -> { }));
        assertCopied(backups.resolve("parts"));
        assertThat(describe(SHADOW)).as("/etc/shadow untouched").isEqualTo(before);
    }

    @Test
    @Order(3)
    void restoreOfACopyKeepsLinksAsLinks() throws Exception {
        String before = describe(SHADOW);
        within(Duration.ofSeconds(60), "restore", () -> env.restore(new RestoreRequest("restored", "plain",
                RecoveryTarget.latest(), RestoreAction.PROMOTE)));
        assertCopied(Path.of(env.location()).resolve("restored"));
        assertThat(describe(SHADOW)).as("/etc/shadow untouched").isEqualTo(before);
    }

    @Test
    @Order(4)
    void restoreRefusesToEditAConfigurationFileThatIsALink() throws Exception {
        Path secret = Files.createTempFile("pgdrill-secret", ".txt");
        try {
            Files.writeString(secret, "root only\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            String before = describe(secret);
            Path auto = backups.resolve("parts").resolve("postgresql.auto.conf");
            Files.delete(auto);
            Files.createSymbolicLink(auto, secret);

            assertThatThrownBy(() -> env.restore(new RestoreRequest("tricked", "parts", RecoveryTarget.latest(), RestoreAction.PROMOTE))).isInstanceOf(EnvironmentException.class).hasMessageContaining("symbolic link");
            assertThat(describe(secret)).as("the link's target untouched").isEqualTo(before);
            assertThat(Files.readString(secret)).isEqualTo("root only\n");
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    private static void assertCopied(Path copy) throws IOException {
        assertThat(Files.isSymbolicLink(copy.resolve("x"))).as(copy.resolve("x") + " is a link").isTrue();
        assertThat(Files.readSymbolicLink(copy.resolve("x"))).isEqualTo(SHADOW);
        assertThat(Files.isSymbolicLink(copy.resolve("etc-dir"))).as("link to a directory stays a link").isTrue();
        assertThat(Files.isSymbolicLink(copy.resolve("pipe-link"))).as("link to a pipe stays a link").isTrue();
        PosixFileAttributes pipe = Files.readAttributes(copy.resolve("pipe"), PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        assertThat(pipe.isOther()).as("the pipe is copied as a pipe").isTrue();
        assertThat(Files.isRegularFile(copy.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    /** Owner, group and mode of {@code file} (not following links). */
    private static String describe(Path file) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.owner().getName() + ":" + a.group().getName() + " " + PosixFilePermissions.toString(a.permissions())
                + " " + a.size();
    }

    private static void within(Duration max, String what, Supplier<?> action) throws Exception {
        CompletableFuture<?> f = CompletableFuture.supplyAsync(action);
        try {
            f.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " did not finish within " + max + " (a pipe read through a link?)", e);
        }
    }
}

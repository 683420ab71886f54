package dev.pgdrill.environment.compose;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code images/build.sh} with stand-ins for debootstrap and docker (no image is built): whatever it
 * writes stays in its private temporary directory, even when another user has planted links next to it.
 */
class ImageBuildScriptTest {
    @TempDir
    Path dir;
    /** The directories the script made in /var/tmp, and the links planted next to them. */
    private List<Path> made = List.of();

    private Path tool(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path f = Files.writeString(bin.resolve(name), "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @AfterEach
    void removeWhatTheScriptAndTheAttackerLeft() throws IOException {
        for (Path p : made) {
            Files.deleteIfExists(Path.of(p + ".log"));
            Files.deleteIfExists(Path.of(p + ".tar"));
        }
    }

    @Test
    void debootstrapsLogIsWrittenInsideItsPrivateDirectoryNotThroughAPlantedLink() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path record = dir.resolve("made");
        // The attacker wins every race: a link appears next to each directory the moment mktemp makes it.
        tool("mktemp", "d=\"$(/usr/bin/mktemp \"$@\")\" || exit\n"
                + "ln -s '" + victim + "' \"$d.log\"; ln -s '" + victim + "' \"$d.tar\"\n"
                + "echo \"$d\" >> '" + record + "'; echo \"$d\"\n");
        tool("debootstrap", "echo \"I: debootstrap into $3\"\nmkdir -p \"$3/etc/apt\" \"$3/var/cache/apt/archives\" \"$3/var/lib/apt/lists\"\n"
                + "echo ok > \"$3/etc/os-release\"\n");
        Path docker = tool("docker", """
                case "$1 $2" in
                  "version "*) echo 24.0 ;;
                  "image inspect") case "$*" in *--format*) echo sha256:fake ;; *) exit 1 ;; esac ;;
                  "import "*) cat >/dev/null ;;
                  "build "*) ;;
                  *) echo "unexpected: docker $*" >&2; exit 3 ;;
                esac
                """);
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("images/build.sh").toAbsolutePath().toString())
                .redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("DOCKER", docker.toString());
        pb.environment().put("PG_MAJOR", "15");
        pb.environment().put("BASE_IMAGE", "pgdrill-test/debian:none");
        pb.environment().put("POSTGRES_IMAGE", "pgdrill-test/postgres:none");
        pb.environment().put("DEBIAN_MIRROR", "http://mirror.invalid/debian");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        made = Files.readAllLines(record).stream().map(Path::of).toList();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("base image pgdrill-test/debian:none built", "image pgdrill-test/postgres:none built");
        assertThat(Files.readString(victim)).as("nothing was written through the planted links").isEqualTo("precious\n");
        assertThat(made).isNotEmpty().allSatisfy(d -> assertThat(d).doesNotExist());
    }
}

package dev.pgdrill.environment.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The template cache is trusted only when no one else could put something in its place: the directories above
 * it count too, not only its own (a world-writable parent lets anyone rename the cache away and plant another).
 */
class TemplateCacheTrustTest {
    @TempDir
    Path dir;

    @Test
    void aCacheUnderADirectoryOthersCanWriteIsNotTrusted() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path cache = Files.createDirectory(open.resolve("cache"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        assertThat(TemplateCache.untrusted(cache)).isEqualTo("the directory above it, " + open + ", is writable by others");
        assertThatThrownBy(() -> new TemplateCache(cache).list()).hasMessageContaining("will not list the cluster "
                + "template cache " + cache + ": the directory above it");
        assertThatThrownBy(() -> new TemplateCache(cache).clear()).hasMessageContaining("will not clear");
    }

    @Test
    void aStickyParentSuchAsTmpIsFine() throws Exception {
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        new ProcessBuilder("chmod", "+t", sticky.toString()).start().waitFor();
        Path cache = Files.createDirectory(sticky.resolve("cache"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        assertThat(TemplateCache.untrusted(cache)).isNull();
        assertThat(new TemplateCache(cache).list()).isEmpty();
    }
}

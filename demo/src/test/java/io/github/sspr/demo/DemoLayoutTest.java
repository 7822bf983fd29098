package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLayoutTest {

    @TempDir
    Path dir;

    @Test
    void picksTheDropInJarNotTheShadeInputNorSourceJars() throws Exception {
        Path jar = touch("keycloak-sspr-0.1.0-SNAPSHOT.jar", 1);
        List<Path> files = List.of(
                touch("original-keycloak-sspr-0.1.0-SNAPSHOT.jar", 5),
                touch("keycloak-sspr-0.1.0-SNAPSHOT-sources.jar", 5),
                touch("keycloak-sspr-0.1.0-SNAPSHOT-javadoc.jar", 5),
                touch("dependency-reduced-pom.xml", 5),
                jar);

        assertEquals(jar, DemoLayout.selectProviderJar(files).orElseThrow());
    }

    @Test
    void picksTheNewestWhenSeveralVersionsLieThere() throws Exception {
        Path older = touch("keycloak-sspr-0.1.0.jar", 1);
        Path newer = touch("keycloak-sspr-0.2.0-SNAPSHOT.jar", 2);

        assertEquals(newer, DemoLayout.selectProviderJar(List.of(newer, older)).orElseThrow());
    }

    @Test
    void saysWhatToDoWhenTheBuildIsMissing() throws Exception {
        Files.createDirectories(dir.resolve("realm-exports"));
        Files.writeString(dir.resolve("realm-exports/demo-realm.json"), "{}");
        Files.writeString(dir.resolve("realm-exports/demo-users.ldif"), "");

        DemoException error = assertThrows(DemoException.class, () -> DemoLayout.resolve(dir, "demo/target/kc"));
        assertTrue(error.getMessage().contains("-pl demo -am package"), error.getMessage());
    }

    @Test
    void saysWhereToStartWhenNotAtTheRepositoryRoot() {
        DemoException error = assertThrows(DemoException.class, () -> DemoLayout.resolve(dir, "demo/target/kc"));
        assertTrue(error.getMessage().contains("./run-demo.sh"), error.getMessage());
    }

    private Path touch(String name, long minutes) throws Exception {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.fromMillis(minutes * 60_000));
        return file;
    }
}
